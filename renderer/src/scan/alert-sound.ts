// A distinct sound for a stopped letter, made in the window (no sound files, no remote resource):
// two low tones for HOLD, one middle tone for REVIEW. The officer can turn it off.
import type { Verdict } from '../../../shared/screening/types.ts';

const SOUND_KEY = 'mailroom.sound';
let context: AudioContext | null = null;

export const soundPreference = (): boolean => window.localStorage.getItem(SOUND_KEY) !== 'off';
export const saveSoundPreference = (on: boolean): void => window.localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');

function tone(ctx: AudioContext, frequency: number, start: number, seconds: number): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'square';
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0.15, ctx.currentTime + start);
  gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + start + seconds);
  osc.connect(gain).connect(ctx.destination);
  osc.start(ctx.currentTime + start);
  osc.stop(ctx.currentTime + start + seconds);
}

export function soundFor(verdict: Verdict): void {
  if (verdict === 'CLEAR') return;
  try {
    context ??= new AudioContext();
    if (verdict === 'HOLD') {
      tone(context, 330, 0, 0.25);
      tone(context, 247, 0.3, 0.4);
    } else {
      tone(context, 523, 0, 0.3);
    }
  } catch {
    // No audio device: the word, the icon and the colour still say it.
  }
}
