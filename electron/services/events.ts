// Events from main to the renderer (batch progress, hot-folder files, sync status): validated
// against the contract before they leave, fanned out to whatever windows or SSE clients listen.
import { events, type EventName, type EventOf } from '../../shared/ipc/contract.ts';

type Sink = (event: EventName, payload: unknown) => void;

export class EventBus {
  private readonly sinks = new Set<Sink>();

  connect(sink: Sink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<E extends EventName>(event: E, payload: EventOf<E>): void {
    const checked = events[event].parse(payload);
    for (const sink of this.sinks) sink(event, checked);
  }
}
