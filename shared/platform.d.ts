// The few globals that every runtime of shared/ (Node 20, Chromium, Web Workers) provides. shared/
// is compiled without DOM or Node types so neither can leak in; these are declared by hand instead.
declare function atob(data: string): string;
declare function btoa(data: string): string;
declare function setTimeout(handler: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
declare const console: { log(...a: unknown[]): void; warn(...a: unknown[]): void; error(...a: unknown[]): void };
