// A document camera as an envelope source: live preview, capture on a key (Space or C). Only
// video is asked for; the Electron shell's permission handler grants nothing else.
import { useEffect, useRef, useState } from 'react';

export function DocumentCamera({ onCapture, onClose }: { onCapture(file: File): void; onClose(): void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [count, setCount] = useState(0);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let live = true;
    navigator.mediaDevices
      ?.getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false })
      .then((s) => {
        if (!live) return s.getTracks().forEach((t) => t.stop());
        stream = s;
        if (video.current) video.current.srcObject = s;
      })
      .catch(() => setProblem('no document camera is available (or access to it was refused)'));
    return () => {
      live = false;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);

  const capture = () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob(
      (blob) => {
        if (!blob) return;
        setCount((c) => c + 1);
        onCapture(new File([blob], `camera-${new Date().toISOString().replace(/[:.]/g, '-')}.jpg`, { type: 'image/jpeg' }));
      },
      'image/jpeg',
      0.92,
    );
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === ' ' || e.key === 'c' || e.key === 'C') {
        e.preventDefault();
        capture();
      } else if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section className="camera" aria-label="Document camera">
      {problem ? <p className="problem" role="alert">{problem}</p> : <video ref={video} autoPlay playsInline muted data-testid="camera-preview" />}
      <div className="actions">
        <button type="button" onClick={capture} disabled={problem !== null}>
          Capture (Space)
        </button>
        <button type="button" onClick={onClose}>
          Close camera (Esc)
        </button>
        <span data-testid="camera-captured">{count} captured</span>
      </div>
    </section>
  );
}
