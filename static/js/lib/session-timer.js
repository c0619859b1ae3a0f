// The guided session's hold and rest timers as a pure state machine: no DOM, no intervals.
// A timer keeps when it started (Date.now() milliseconds) and how long it ran before a pause, so the time
// left is always worked out from the clock: a tab the phone put in the background, or a page reloaded
// from the session's draft, shows the right time when it comes back.
//
// States: ready -> running <-> paused -> done (ran out) | skipped.

export const SESSION_TIMER_KINDS = ['hold', 'rest'];
// Longer than any hold or rest a programme sets; a stored timer beyond it is junk.
export const SESSION_TIMER_MAX_SECONDS = 3600;

export function sessionTimerNew(kind, seconds) {
  const whole = Number.isInteger(seconds) && seconds > 0 ? Math.min(seconds, SESSION_TIMER_MAX_SECONDS) : 1;
  return { kind: SESSION_TIMER_KINDS.indexOf(kind) >= 0 ? kind : 'rest', durationMs: whole * 1000, state: 'ready', startedAt: null, ranMs: 0 };
}

function sessionTimerRan(timer, now) {
  return timer.state === 'running' ? timer.ranMs + Math.max(0, now - timer.startedAt) : timer.ranMs;
}

export function sessionTimerRemainingMs(timer, now) {
  if (timer.state === 'done' || timer.state === 'skipped') return 0;
  return Math.max(0, timer.durationMs - sessionTimerRan(timer, now));
}

export function sessionTimerStart(timer, now) {
  if (timer.state !== 'ready' && timer.state !== 'paused') return timer;
  return { ...timer, state: 'running', startedAt: now };
}

export function sessionTimerPause(timer, now) {
  if (timer.state !== 'running') return timer;
  return { ...timer, state: 'paused', startedAt: null, ranMs: Math.min(timer.durationMs, sessionTimerRan(timer, now)) };
}

export function sessionTimerSkip(timer) {
  if (timer.state === 'done' || timer.state === 'skipped') return timer;
  return { ...timer, state: 'skipped', startedAt: null };
}

// The timer as it stands now: a running timer whose time is up becomes done. `ended` is true only on the
// call that saw it end, so the sound and the vibration come once.
export function sessionTimerTick(timer, now) {
  if (timer.state === 'running' && sessionTimerRemainingMs(timer, now) <= 0) {
    return { timer: { ...timer, state: 'done', startedAt: null, ranMs: timer.durationMs }, ended: true };
  }
  return { timer, ended: false };
}

// "0:05", "1:30": whole seconds rounded up, so it shows 0:00 only when the time is up.
export function sessionTimerDigits(ms) {
  const seconds = Math.ceil(Math.max(0, ms) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

// A timer from a draft, or null when it is not one (junk must never stop the session from opening).
// A timer that was running keeps running from when it started: the clock decides how much is left.
export function sessionTimerClean(value, now) {
  if (!value || typeof value !== 'object') return null;
  const { kind, durationMs, state, startedAt, ranMs } = value;
  if (SESSION_TIMER_KINDS.indexOf(kind) < 0) return null;
  if (!Number.isInteger(durationMs) || durationMs < 1000 || durationMs > SESSION_TIMER_MAX_SECONDS * 1000) return null;
  if (['ready', 'running', 'paused', 'done', 'skipped'].indexOf(state) < 0) return null;
  if (!Number.isFinite(ranMs) || ranMs < 0 || ranMs > durationMs) return null;
  if (state === 'running' && (!Number.isFinite(startedAt) || startedAt > now + 60000)) return null;
  return { kind, durationMs, state, startedAt: state === 'running' ? startedAt : null, ranMs };
}
