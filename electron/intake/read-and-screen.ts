// One letter read and screened, reading the return address too when the first verdict depends on
// who sent it. Both intake paths (hot folder and batches) go through here.
import type { EnvelopeReading } from '../ocr/types.ts';
import type { ScanReader, ScreenLetter, ScreenOutcome } from './types.ts';

export async function readAndScreen(
  read: ScanReader,
  screen: ScreenLetter,
  input: Parameters<ScanReader>[0],
  name: string,
): Promise<{ reading: EnvelopeReading; outcome: ScreenOutcome }> {
  const reading = await read(input);
  const outcome = await screen(reading, { name });
  if (!outcome.needsSender) return { reading, outcome };
  const again = await read(input, { returnAddress: true });
  return { reading: again, outcome: await screen(again, { name }) };
}
