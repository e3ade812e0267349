/**
 * How often a crashed language server is restarted: at most `max` restarts within any `windowMs`,
 * so a server that crashes on start-up does not spin forever. Pure, so it is tested without VS Code.
 */
export class RestartBudget {
  private readonly restarts: number[] = [];

  constructor(
    readonly max = 4,
    readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash; true when the server may be restarted once more. */
  tryRestart(): boolean {
    const t = this.now();
    while (this.restarts.length > 0 && t - (this.restarts[0] ?? t) >= this.windowMs) this.restarts.shift();
    if (this.restarts.length >= this.max) return false;
    this.restarts.push(t);
    return true;
  }
}
