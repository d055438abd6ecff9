import { describe, expect, it } from 'vitest';
import { fromUpstreamStatus, upstreamMessage } from './upstream-error';

const vendor = { name: 'stockimg.ai', keyVar: 'STOCKIMG_API_KEY', timeoutMs: 90_000 };

describe('upstreamMessage', () => {
  it('keeps a plain sentence, and the message field of a JSON body', () => {
    expect(upstreamMessage('Insufficient credits')).toBe('Insufficient credits');
    expect(upstreamMessage('{"detail":"Prompt too long"}')).toBe('Prompt too long');
    expect(upstreamMessage('{"error":{"message":"Bad size","type":"invalid"}}')).toBe('Bad size');
  });

  it('never passes an HTML error page, a JSON dump or control characters through', () => {
    const page =
      '<!DOCTYPE html><html><head><title>403</title><script>var s="x"</script></head><body>Denied</body></html>';
    expect(upstreamMessage(page)).toBe('');
    expect(upstreamMessage('<html><body><h1>502 Bad Gateway</h1></body></html>')).toBe('');
    expect(upstreamMessage('{"internal":{"trace":"at Foo.bar (/srv/app.js:1)"}}')).toBe('');
    expect(upstreamMessage('bad\u0000\u001b[31m input\r\n')).toBe('bad [31m input');
  });

  it('cuts long messages and hides anything shaped like a key', () => {
    expect(upstreamMessage('x'.repeat(5000))).toHaveLength(200);
    expect(upstreamMessage('key sk-abcdef123456 is not valid')).toBe('key [redacted] is not valid');
  });

  it('turns a refused request with an HTML body into a short message of our own', () => {
    const error = fromUpstreamStatus(vendor, 403, { message: '<html><body>Cloudflare</body></html>' });
    expect(error.message).toBe(
      'stockimg.ai rejected the key in STOCKIMG_API_KEY (403): check the key and restart the server.',
    );
    const refused = fromUpstreamStatus(vendor, 404, { message: '<html><body>Not Found</body></html>' });
    expect(refused.message).toBe('stockimg.ai refused the request (404).');
  });
});
