// Drives the web page as a case handler would with a browser: sign in, read the form's CSRF token,
// post forms. Plain fetch with the session cookie; redirects are followed by hand to see them.
export interface PageSession {
  get(path: string): Promise<{ status: number; html: string; location: string | null }>;
  post(path: string, fields: Record<string, string>): Promise<{ status: number; html: string; location: string | null }>;
  csrf(path: string): Promise<string>;
}

export async function signInOnPage(baseUrl: string, username: string, password: string): Promise<PageSession> {
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  });
  const setCookie = res.headers.get('set-cookie');
  if (res.status !== 303 || !setCookie) throw new Error(`sign in failed: ${res.status}`);
  const cookie = setCookie.split(';')[0]!;
  const result = async (r: Response) => ({ status: r.status, html: await r.text(), location: r.headers.get('location') });
  const session: PageSession = {
    get: async (path) => result(await fetch(`${baseUrl}${path}`, { redirect: 'manual', headers: { cookie } })),
    post: async (path, fields) =>
      result(
        await fetch(`${baseUrl}${path}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(fields).toString(),
        }),
      ),
    csrf: async (path) => {
      const { html } = await session.get(path);
      const m = /name="_csrf" value="([^"]+)"/.exec(html);
      if (!m) throw new Error(`no CSRF token on ${path}`);
      return m[1]!;
    },
  };
  return session;
}
