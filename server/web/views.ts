// The case handlers' pages, server-rendered: sign in, the list, a block, and approvals waiting for a
// second case handler. No script at all; every action is a form.
import type { Proposal, StoredBlock } from '../blocks/block-store.ts';
import type { Session } from '../accounts/case-handlers.ts';
import { blockFormFields, type FormFields } from './block-form.ts';
import { html, type SafeHtml } from './html.ts';

const enc = encodeURIComponent;

export function layout(title: string, session: Session | null, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Mailroom Screen blocklist</title>
<link rel="stylesheet" href="/static/page.css">
</head>
<body>
<header>
  <strong>Mailroom Screen · national blocklist</strong>
  ${session
    ? html`<a href="/blocks">Blocks</a> <a href="/blocks/new" data-testid="nav-new-block">Add a block</a> <a href="/approvals" data-testid="nav-approvals">Approvals</a>
      <form method="post" action="/logout"><input type="hidden" name="_csrf" value="${session.csrfToken}">
      <span data-testid="signed-in-as">${session.handler.displayName}</span> <button type="submit" data-testid="sign-out">Sign out</button></form>`
    : ''}
</header>
<main>
${body}
</main>
</body>
</html>`.text;
}

const notice = (flash: string | null, error: string | null): SafeHtml =>
  html`${flash ? html`<p class="flash" role="status" data-testid="flash">${flash}</p>` : ''}${error ? html`<p class="error" role="alert" data-testid="form-error">${error}</p>` : ''}`;

export function loginPage(error: string | null): string {
  return layout('Sign in', null, html`
    <h1>Sign in</h1>
    ${notice(null, error)}
    <form method="post" action="/login">
      <label for="username">Username</label>
      <input type="text" id="username" name="username" autocomplete="username" data-testid="login-username" required>
      <label for="password">Password</label>
      <input type="password" id="password" name="password" autocomplete="current-password" data-testid="login-password" required>
      <p><button type="submit" data-testid="login-submit">Sign in</button></p>
    </form>`);
}

const summary = (b: StoredBlock): SafeHtml => html`
  <tr data-testid="block-row">
    <td><a href="/blocks/${enc(b.entry.id)}">${b.entry.id}</a></td>
    <td>${b.entry.names.join('; ')}</td>
    <td>${b.entry.addresses.map((a) => [...a.lines, a.town, a.postcode].filter(Boolean).join(', ')).join(' | ')}</td>
    <td>${b.entry.scope.kind === 'all-prisoners' ? 'all prisoners' : b.entry.scope.prisonNumbers.join(', ')}</td>
    <td>${b.version}</td>
  </tr>`;

export function listPage(session: Session, blocks: readonly StoredBlock[], total: number, query: string, nextAfter: string | null, flash: string | null): string {
  return layout('Blocks', session, html`
    <h1>Blocks <small>(${total} in force)</small></h1>
    ${notice(flash, null)}
    <form method="get" action="/blocks">
      <label for="q">Find by reference (start of it)</label>
      <input type="text" id="q" name="q" value="${query}" data-testid="search-id"> <button type="submit">Find</button>
    </form>
    <table>
      <thead><tr><th>Reference</th><th>Names</th><th>Addresses</th><th>Scope</th><th>Version</th></tr></thead>
      <tbody>${blocks.map(summary)}</tbody>
    </table>
    ${nextAfter ? html`<p><a href="/blocks?q=${enc(query)}&after=${enc(nextAfter)}">Next page</a></p>` : ''}`);
}

export function blockPage(session: Session, opts: { isNew: boolean; fields: FormFields; block: StoredBlock | null; error: string | null; flash: string | null }): string {
  const { isNew, fields, block } = opts;
  const id = block?.entry.id ?? '';
  return layout(isNew ? 'Add a block' : `Block ${id}`, session, html`
    <h1>${isNew ? 'Add a block' : html`Block ${id}`}</h1>
    ${notice(opts.flash, opts.error)}
    ${block ? html`<p class="hint">Entered by ${block.enteredBy} on ${block.enteredAt.toISOString()}; last changed by ${block.updatedBy} on ${block.updatedAt.toISOString()} (version ${block.version}).
      Additions take effect at once; removing anything needs a second case handler's approval.</p>` : ''}
    <form method="post" action="${isNew ? '/blocks' : `/blocks/${enc(id)}`}" data-testid="block-form">
      <input type="hidden" name="_csrf" value="${session.csrfToken}">
      ${block ? html`<input type="hidden" name="baseVersion" value="${block.version}">` : ''}
      ${blockFormFields(fields, isNew)}
      <p><button type="submit" data-testid="block-save">${isNew ? 'Add block' : 'Save changes'}</button></p>
    </form>
    ${block
      ? html`<form method="post" action="/blocks/${enc(id)}/remove" data-testid="remove-form">
          <input type="hidden" name="_csrf" value="${session.csrfToken}">
          <input type="hidden" name="baseVersion" value="${block.version}">
          <label for="remove-reason">Why remove it</label>
          <input type="text" id="remove-reason" name="reason" data-testid="remove-reason" required>
          <p><button type="submit" class="danger" data-testid="remove-block">Propose removal (needs a second case handler)</button></p>
        </form>`
      : ''}`);
}

export function approvalsPage(session: Session, proposals: readonly { proposal: Proposal; current: StoredBlock | null; narrowed: readonly string[] }[], flash: string | null, error: string | null): string {
  return layout('Approvals', session, html`
    <h1>Waiting for a second case handler</h1>
    ${notice(flash, error)}
    ${proposals.length === 0 ? html`<p data-testid="no-approvals">Nothing is waiting.</p>` : ''}
    <table>
      <thead><tr><th>Block</th><th>Change</th><th>Proposed by</th><th>Why</th><th></th></tr></thead>
      <tbody>
      ${proposals.map(({ proposal: p, narrowed }) => html`
        <tr data-testid="approval-row" data-proposal-id="${p.id}">
          <td><a href="/blocks/${enc(p.entryId)}">${p.entryId}</a></td>
          <td>${p.kind === 'remove' ? 'Remove the block' : html`Narrow: ${narrowed.join(', ')}`}</td>
          <td>${p.proposedBy} · ${p.proposedAt.toISOString()}</td>
          <td>${p.reason ?? ''}</td>
          <td>
            <form method="post" action="/approvals/${enc(p.id)}/approve"><input type="hidden" name="_csrf" value="${session.csrfToken}">
              <button type="submit" data-testid="approve">Approve</button></form>
            <form method="post" action="/approvals/${enc(p.id)}/reject"><input type="hidden" name="_csrf" value="${session.csrfToken}">
              <button type="submit" class="danger" data-testid="reject">Reject</button></form>
          </td>
        </tr>`)}
      </tbody>
    </table>`);
}
