import type { Clock } from '../../core/ports.js';

/**
 * The simulated cloud's clock. Tests step it explicitly (`advance`); the demo runs it
 * `speed` times faster than real time (a 20-minute create in 20 s at speed 60).
 */
export class SimClock implements Clock {
  private readonly realStart: number;
  private readonly simStart: number;
  private offsetMs = 0;

  constructor(
    private readonly speed: number = 0,
    start: number = Date.now(),
  ) {
    this.realStart = Date.now();
    this.simStart = start;
  }

  /** Simulated epoch milliseconds. speed 0 means the clock moves only by `advance`. */
  now(): number {
    const realElapsed = this.speed === 0 ? 0 : (Date.now() - this.realStart) * this.speed;
    return Math.floor(this.simStart + realElapsed + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Real milliseconds the caller should wait for `simMs` to pass (for pollers in the demo). */
  realDelayFor(simMs: number): number {
    return this.speed === 0 ? simMs : Math.ceil(simMs / this.speed);
  }
}
