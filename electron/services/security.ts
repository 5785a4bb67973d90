// The renderer's origin and Content-Security-Policy, used by the Electron protocol handler and the
// web harness alike: scripts only from the app itself, no inline script, no remote anything.
export const RENDERER_ORIGIN = 'app://mailroom/';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
