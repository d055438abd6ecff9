// Input validation for Hono's `validator`: a zod schema, and a 400 in our error shape naming each problem.
import type { z } from 'zod';
import { ApiError } from '../errors';

export function validInput<T extends z.ZodType>(schema: T, hint: string) {
  return (value: unknown): z.output<T> => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const problems = result.error.issues.map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    );
    throw new ApiError(400, 'invalid_input', `${problems.join('; ')}. ${hint}`);
  };
}
