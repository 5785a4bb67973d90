// The renderer's way to main: the preload's window.mailroom in Electron, or the same API over HTTP
// when the renderer runs in a plain browser against the web harness.
import { createApi, type MailroomApi } from '../../../shared/ipc/api.ts';
import { createHttpTransport } from './http-transport.ts';

declare global {
  interface Window {
    readonly mailroom?: MailroomApi;
  }
}

let api: MailroomApi | null = null;

export function mailroom(): MailroomApi {
  api ??= window.mailroom ?? createApi(createHttpTransport(window.location.origin));
  return api;
}
