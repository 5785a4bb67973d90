// The officer's scan station: envelopes in (file picker or drag and drop), one big verdict out for
// the current envelope, with what was read. Officers see block references, never victim details.
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type { Blocklist } from '../../../shared/blocklist/format.ts';
import { IpcCallError } from '../../../shared/ipc/result.ts';
import { mailroom } from '../platform/bridge.ts';
import { ScreeningClient } from '../screening/client.ts';
import { VerdictPanel, type Screened } from './VerdictPanel.tsx';

const ACCEPT = 'image/jpeg,image/png,image/tiff,image/webp,application/pdf,.jpg,.jpeg,.png,.tif,.tiff,.webp,.pdf';

async function screenFile(client: ScreeningClient, file: File, sequence: number): Promise<Screened> {
  const imageUrl = URL.createObjectURL(file);
  const base = { sequence, fileName: file.name, imageUrl };
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const reading = await mailroom().scan.read(file.name, bytes);
    const screening = await client.screen(reading.pages);
    const readText = reading.pages.map((p) => p.addresseeText ?? p.text).join('\n— next page —\n');
    return { ...base, verdict: screening.verdict, screening, readText, problem: null };
  } catch (e) {
    // Fail closed: whatever could not be read or screened is REVIEW, with the reason in words.
    const problem = e instanceof IpcCallError ? e.message : 'the envelope could not be screened';
    return { ...base, verdict: 'REVIEW', screening: null, readText: '', problem };
  }
}

export function ScanStation({ list }: { list: Blocklist }) {
  const clientRef = useRef<ScreeningClient | null>(null);
  const [ready, setReady] = useState<'loading' | 'ready' | string>('loading');
  const [current, setCurrent] = useState<Screened | null>(null);
  const [history, setHistory] = useState<readonly Screened[]>([]);
  const [busy, setBusy] = useState(false);
  const sequence = useRef(0);

  useEffect(() => {
    const client = new ScreeningClient();
    clientRef.current = client;
    client
      .load(list)
      .then(() => setReady('ready'))
      .catch((e: unknown) => setReady(e instanceof Error ? e.message : 'the screening engine did not start'));
  }, [list]);

  const screenFiles = useCallback(async (files: readonly File[]) => {
    const client = clientRef.current;
    if (!client || files.length === 0) return;
    setBusy(true);
    try {
      for (const file of files) {
        sequence.current += 1;
        const result = await screenFile(client, file, sequence.current);
        setCurrent(result);
        setHistory((h) => [result, ...h].slice(0, 50));
      }
    } finally {
      setBusy(false);
    }
  }, []);

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    void screenFiles([...event.dataTransfer.files]);
  };

  return (
    <section className="station" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <div className="intake">
        <label className="scan-button">
          Scan or import envelopes
          <input
            data-testid="scan-input"
            type="file"
            accept={ACCEPT}
            multiple
            disabled={ready !== 'ready'}
            onChange={(e) => {
              const files = [...(e.currentTarget.files ?? [])];
              e.currentTarget.value = '';
              void screenFiles(files);
            }}
          />
        </label>
        <span className="status" role="status">
          {ready === 'loading' ? 'Loading the blocklist…' : ready === 'ready' ? (busy ? 'Reading envelope…' : 'Ready for the next envelope') : `Screening unavailable: ${ready}`}
        </span>
      </div>
      <VerdictPanel current={current} />
      {history.length > 1 && (
        <ol className="history" aria-label="Earlier envelopes in this session">
          {history.slice(1).map((h) => (
            <li key={h.sequence} className={`verdict-${h.verdict.toLowerCase()}`}>
              #{h.sequence} {h.verdict} — {h.fileName}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
