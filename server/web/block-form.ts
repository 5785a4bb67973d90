// The block form on the page, both ways: a stored block into form fields, and posted fields into the
// body the admin API takes, so the page and the API validate through the same code.
import { randomBytes } from 'node:crypto';
import { REQUESTED_BY, type BlockEntry } from '../../shared/blocklist/format.ts';
import type { BlockRecord } from '../blocks/block-record.ts';
import { html, type SafeHtml } from './html.ts';

export type FormFields = Readonly<Record<string, string | undefined>>;

const lines = (text: string | undefined): string[] =>
  (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);

const dateOnly = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '');

/** A new block's id when the case handler leaves it blank. */
export function newBlockId(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `BLK-${[...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

export const addressSlots = (fields: FormFields): number => Math.min(20, Math.max(1, Number(fields.addressSlots) || 2));

/** Posted fields → the admin API's body (entry fields, consentGiven, reason). */
export function formToBody(fields: FormFields, id: string): Record<string, unknown> {
  const addresses = [];
  for (let i = 0; i < addressSlots(fields); i++) {
    const address = {
      lines: lines(fields[`addr${i}_lines`]),
      town: (fields[`addr${i}_town`] ?? '').trim() || undefined,
      postcode: (fields[`addr${i}_postcode`] ?? '').trim() || undefined,
    };
    if (address.lines.length > 0 || address.town || address.postcode) addresses.push(address);
  }
  const validFrom = (fields.validFrom ?? '').trim();
  const validUntil = (fields.validUntil ?? '').trim();
  const isDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);
  return {
    id,
    names: lines(fields.names),
    addresses,
    phones: lines(fields.phones),
    emails: lines(fields.emails),
    scope:
      fields.scope === 'prisoners'
        ? { kind: 'prisoners', prisonNumbers: (fields.prisonNumbers ?? '').split(/[\s,;]+/).filter((p) => p.length > 0) }
        : { kind: 'all-prisoners' },
    ...(fields.requestedBy ? { requestedBy: fields.requestedBy } : {}),
    // A date the browser did not send as YYYY-MM-DD is passed on as is, so validation names the field.
    validFrom: validFrom ? (isDate(validFrom) ? `${validFrom}T00:00:00Z` : validFrom) : null,
    validUntil: validUntil ? (isDate(validUntil) ? `${validUntil}T23:59:59Z` : validUntil) : null,
    consentGiven: fields.consentGiven === 'yes',
    reason: (fields.reason ?? '').trim() || undefined,
  };
}

/** A stored block → the values the form shows. */
export function recordToFields(record: BlockRecord): Record<string, string> {
  const e: BlockEntry = record.entry;
  const fields: Record<string, string> = {
    id: e.id,
    names: e.names.join('\n'),
    phones: e.phones.join('\n'),
    emails: e.emails.join('\n'),
    scope: e.scope.kind,
    prisonNumbers: e.scope.kind === 'prisoners' ? e.scope.prisonNumbers.join('\n') : '',
    requestedBy: e.requestedBy ?? '',
    consentGiven: record.consentGiven ? 'yes' : '',
    validFrom: dateOnly(e.validFrom),
    validUntil: dateOnly(e.validUntil),
    addressSlots: String(e.addresses.length + 1),
  };
  e.addresses.forEach((a, i) => {
    fields[`addr${i}_lines`] = a.lines.join('\n');
    fields[`addr${i}_town`] = a.town ?? '';
    fields[`addr${i}_postcode`] = a.postcode ?? '';
  });
  return fields;
}

export function blockFormFields(fields: FormFields, isNew: boolean): SafeHtml {
  const v = (name: string) => fields[name] ?? '';
  const slots = addressSlots(fields);
  const addressFields = Array.from({ length: slots }, (_, i) => html`
    <fieldset>
      <legend>Address ${i + 1}</legend>
      <label for="addr${i}_lines">Lines (one per line)</label>
      <textarea id="addr${i}_lines" name="addr${i}_lines" data-testid="block-address-${i}-lines">${v(`addr${i}_lines`)}</textarea>
      <label for="addr${i}_town">Town</label>
      <input type="text" id="addr${i}_town" name="addr${i}_town" value="${v(`addr${i}_town`)}" data-testid="block-address-${i}-town">
      <label for="addr${i}_postcode">Postcode</label>
      <input type="text" id="addr${i}_postcode" name="addr${i}_postcode" value="${v(`addr${i}_postcode`)}" data-testid="block-address-${i}-postcode">
    </fieldset>`);
  return html`
    <input type="hidden" name="addressSlots" value="${slots}">
    <fieldset>
      <legend>Victim</legend>
      ${isNew
        ? html`<label for="id">Reference (leave blank for a new one)</label>
          <input type="text" id="id" name="id" value="${v('id')}" data-testid="block-id">`
        : html`<p>Reference <strong data-testid="block-id">${v('id')}</strong></p>`}
      <label for="names">Names and aliases (one per line)</label>
      <textarea id="names" name="names" data-testid="block-names">${v('names')}</textarea>
      <label for="phones">Phone numbers (one per line)</label>
      <textarea id="phones" name="phones" data-testid="block-phones">${v('phones')}</textarea>
      <label for="emails">Email addresses (one per line)</label>
      <textarea id="emails" name="emails" data-testid="block-emails">${v('emails')}</textarea>
    </fieldset>
    ${addressFields}
    <p class="hint">Save, then edit again for more address slots.</p>
    <fieldset>
      <legend>Scope</legend>
      <div class="inline">
        <input type="radio" id="scope-all" name="scope" value="all-prisoners" ${v('scope') !== 'prisoners' ? html`checked` : ''} data-testid="block-scope-all"><label for="scope-all">All prisoners</label>
        <input type="radio" id="scope-prisoners" name="scope" value="prisoners" ${v('scope') === 'prisoners' ? html`checked` : ''} data-testid="block-scope-prisoners"><label for="scope-prisoners">Only these prisoners</label>
      </div>
      <label for="prisonNumbers">Prison numbers (for "only these prisoners")</label>
      <textarea id="prisonNumbers" name="prisonNumbers" data-testid="block-prison-numbers">${v('prisonNumbers')}</textarea>
    </fieldset>
    <fieldset>
      <legend>Request</legend>
      <label for="requestedBy">Requested by</label>
      <select id="requestedBy" name="requestedBy" data-testid="block-requested-by">
        <option value="">(not recorded)</option>
        ${REQUESTED_BY.map((r) => html`<option value="${r}" ${v('requestedBy') === r ? html`selected` : ''}>${r}</option>`)}
      </select>
      <div class="inline">
        <input type="checkbox" id="consentGiven" name="consentGiven" value="yes" ${v('consentGiven') === 'yes' ? html`checked` : ''} data-testid="block-consent">
        <label for="consentGiven">The victim gave consent</label>
      </div>
      <label for="validFrom">Valid from</label>
      <input type="date" id="validFrom" name="validFrom" value="${v('validFrom')}" data-testid="block-valid-from">
      <label for="validUntil">Valid until (blank: no end)</label>
      <input type="date" id="validUntil" name="validUntil" value="${v('validUntil')}" data-testid="block-valid-until">
      <label for="reason">Why (for the audit)</label>
      <input type="text" id="reason" name="reason" value="${v('reason')}" data-testid="block-reason">
    </fieldset>`;
}
