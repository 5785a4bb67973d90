// Scans from the scanner's hot folder, read by main, join the officer's batch like imported files.
// Each carries main's reading (no second OCR) and its intake id, so main moves the scan to
// processed/ only once the letter is recorded here. Scans that arrived while nobody was signed in
// are waiting in main and are taken when the station opens.
import { useEffect, useRef } from 'react';
import type { ResponseOf } from '../../../shared/ipc/contract.ts';
import { mailroom } from '../platform/bridge.ts';

export type HotFolderScan = ResponseOf<'intake:take'>;

const fromHotFolder = new WeakMap<File, HotFolderScan>();

/** What main already read of a hot-folder scan, or undefined for a file the officer imported. */
export const hotFolderScanOf = (file: File): HotFolderScan | undefined => fromHotFolder.get(file);

export function useHotFolder(enabled: boolean, add: (files: File[]) => void): void {
  const addRef = useRef(add);
  useEffect(() => {
    addRef.current = add;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    let live = true;
    const taken = new Set<string>();
    const take = async (id: string) => {
      if (taken.has(id)) return;
      taken.add(id);
      try {
        const scan = await mailroom().intake.take(id);
        if (!live) return;
        const file = new File([scan.bytes as Uint8Array<ArrayBuffer>], scan.name);
        fromHotFolder.set(file, scan);
        addRef.current([file]);
      } catch {
        taken.delete(id); // taken by another window, or gone: the list will say
      }
    };
    const stop = mailroom().on.intakeFile((e) => void take(e.id));
    void mailroom()
      .intake.pending()
      .then((waiting) => waiting.forEach((w) => void take(w.id)))
      .catch(() => undefined);
    return () => {
      live = false;
      stop();
    };
  }, [enabled]);
}
