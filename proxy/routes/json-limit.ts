// The body cap for the JSON routes: a scene's text or a prompt is a few kilobytes at most.
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors';

const MAX_JSON_BYTES = 64 * 1024;

export const jsonBodyLimit = bodyLimit({
  maxSize: MAX_JSON_BYTES,
  onError: () => {
    throw new ApiError(413, 'payload_too_large', `The request body is larger than ${MAX_JSON_BYTES / 1024} KB.`);
  },
});
