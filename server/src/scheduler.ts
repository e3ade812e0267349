/**
 * When to validate a document. A request while no validation of it runs or waits starts one at
 * once, so a keystroke's result is never delayed by a timer. While a validation runs, requests
 * only mark the document as due, and one run afterwards reads the latest text: a burst of 1,000
 * edits costs a handful of evaluations, not 1,000. That run waits as long as the last run took
 * (at least `minGapMs`), so under a burst validation takes at most about half the server's time
 * on one document, and results still follow continuous typing.
 */
export class ValidationScheduler {
  private readonly states = new Map<string, State>();

  constructor(
    /** Validates the document's current version; never called twice at once for one URI. */
    private readonly run: (uri: string) => Promise<void>,
    private readonly clock: Clock = systemClock,
    readonly minGapMs = 0,
  ) {}

  request(uri: string): void {
    let state = this.states.get(uri);
    if (!state) {
      state = { running: false, due: false, timer: undefined, lastEnd: -Infinity, lastDuration: 0 };
      this.states.set(uri, state);
    }
    if (state.running) {
      state.due = true;
      return;
    }
    // A run is already waiting; it will read the text as it is then.
    if (state.timer !== undefined) return;
    void this.start(uri, state);
  }

  /** The run for requests that came while the last one ran: after a gap as long as that run. */
  private requestAfterGap(uri: string, state: State): void {
    const wait = state.lastEnd + Math.max(this.minGapMs, state.lastDuration) - this.clock.now();
    if (wait <= 0) {
      void this.start(uri, state);
      return;
    }
    state.timer = this.clock.setTimeout(() => {
      state.timer = undefined;
      if (this.states.get(uri) === state) void this.start(uri, state);
    }, wait);
  }

  /** The document closed: nothing more is run for it. */
  forget(uri: string): void {
    const state = this.states.get(uri);
    if (state?.timer !== undefined) this.clock.clearTimeout(state.timer);
    this.states.delete(uri);
  }

  private async start(uri: string, state: State): Promise<void> {
    state.running = true;
    state.due = false;
    const started = this.clock.now();
    try {
      await this.run(uri);
    } catch {
      // `run` reports its own failures; a rejection must not stop later runs.
    } finally {
      state.running = false;
      state.lastEnd = this.clock.now();
      state.lastDuration = state.lastEnd - started;
      if (state.due && this.states.get(uri) === state) this.requestAfterGap(uri, state);
    }
  }
}

interface State {
  running: boolean;
  /** Requested while running: run again once this run ends. */
  due: boolean;
  timer: unknown;
  lastEnd: number;
  lastDuration: number;
}

/** Time, injectable so the scheduling rules are tested without waiting. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
