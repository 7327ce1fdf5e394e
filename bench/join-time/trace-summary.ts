// Where a traced join's time goes (bench/join-time.ts with JOIN_TRACE=file): the renderer main thread's
// tasks of 4 ms or more and the page's performance marks, in milliseconds since the navigation started.
//
//   npx tsx bench/join-time/trace-summary.ts /tmp/join.json
import { readFileSync } from 'node:fs';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  cat?: string;
  args?: { name?: string; data?: { url?: string; functionName?: string; frame?: string; navigationId?: string; documentLoaderURL?: string } };
}

const file = process.argv[2];
if (!file) throw new Error('usage: trace-summary.ts trace.json');
const parsed = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;

const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'navigationStart' && (x.args?.data?.documentLoaderURL ?? '').includes('/sessions/')));
if (!main) throw new Error('no renderer main thread with a navigation in the trace');
const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
// The session page's own navigation (the tab's about:blank and later ones have an empty document URL).
const navigation = onMain.find((e) => e.name === 'navigationStart' && (e.args?.data?.documentLoaderURL ?? '').includes('/sessions/'));
if (!navigation) throw new Error('no navigation to a session page in the trace');
const t = (ts: number) => ((ts - navigation.ts) / 1000).toFixed(0).padStart(5);

const marks = events.filter((e) => e.pid === main.pid && e.cat?.includes('blink.user_timing') && e.ph !== 'E' && /balai|bench/.test(e.name));
const tasks = onMain.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.ts >= navigation.ts && (e.dur ?? 0) >= 4000);

/** What a task mostly did: its longest script evaluations and function calls, by URL or function. */
function inside(task: TraceEvent): string {
  const end = task.ts + (task.dur ?? 0);
  const children = onMain.filter((e) => e.ph === 'X' && e.ts >= task.ts && e.ts < end && e !== task && (e.dur ?? 0) >= 2000);
  const labels = children
    .filter((e) => ['EvaluateScript', 'FunctionCall', 'v8.compile', 'V8.ParseScript', 'ParseHTML', 'Layout', 'UpdateLayoutTree', 'Paint', 'v8.run', 'TimerFire', 'EventDispatch', 'FireAnimationFrame', 'RunMicrotasks', 'v8.callFunction', 'ParseAuthorStyleSheet', 'CompileScript', 'CompileCode'].includes(e.name))
    .slice(0, 4)
    .map((e) => {
      const url = e.args?.data?.url ?? '';
      const what = url ? url.replace(/^https?:\/\/[^/]+/, '').slice(-60) : (e.args?.data?.functionName ?? '');
      return `${e.name}${what ? ` ${what}` : ''} ${((e.dur ?? 0) / 1000).toFixed(0)}`;
    });
  return labels.join(' | ');
}

const rows = [
  ...marks.map((m) => ({ ts: m.ts, line: `${t(m.ts)}          mark ${m.name}` })),
  ...tasks.map((task) => ({ ts: task.ts, line: `${t(task.ts)} ${((task.dur ?? 0) / 1000).toFixed(0).padStart(5)} ms  ${inside(task)}` })),
].sort((a, b) => a.ts - b.ts);
console.log('  at   task       what (ms since navigation start; tasks ≥ 4 ms on the renderer main thread)');
for (const r of rows) console.log(r.line);
const busy = tasks.reduce((sum, x) => sum + (x.dur ?? 0), 0) / 1000;
console.log(`\nmain thread busy in tasks ≥ 4 ms: ${busy.toFixed(0)} ms`);
