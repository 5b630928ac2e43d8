/**
 * The Content-Security-Policy of the renderer, one source for the Electron window (meta tag and
 * response header) and the browser harness. Styles allow 'unsafe-inline' because antd injects
 * CSS-in-JS style tags; scripts never do.
 */
export interface CspOptions {
  /** Vite dev server origin (ws + http) allowed for hot reload in development only. */
  devServer?: string;
  /** `frame-ancestors` is ignored in a meta tag; leave it out there. */
  forMetaTag?: boolean;
}

export function buildCsp(options: CspOptions = {}): string {
  const dev = options.devServer;
  const connect = ["'self'"];
  if (dev) connect.push(dev, dev.replace(/^http/, 'ws'));
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': connect,
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'object-src': ["'none'"],
  };
  if (!options.forMetaTag) directives['frame-ancestors'] = ["'none'"];
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}
