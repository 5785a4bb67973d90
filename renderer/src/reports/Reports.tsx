// A day or a week at a glance: letters screened, held, reviewed and released, time to decision,
// per day and per officer, as figures, charts and a CSV export.
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { useSignedIn, useStation } from '../station/station-context.tsx';
import { problemText } from '../common/problem.ts';
import { downloadText } from '../common/download.ts';
import { useOfficerNames } from '../review/officer-names.ts';
import { localDay, periodDays, periodFigures, type PeriodFigures } from './report-figures.ts';
import { reportCsv } from './report-csv.ts';

type Loaded = { readonly figures: PeriodFigures } | { readonly problem: string };
const COLOURS = { CLEAR: '#1d7a32', HOLD: '#b00020', REVIEW: '#c77700' } as const;

export function Reports() {
  const { records, info } = useStation();
  const { session } = useSignedIn();
  const officerName = useOfficerNames();
  const [lastDay, setLastDay] = useState(() => localDay(new Date()));
  const [length, setLength] = useState<1 | 7>(7);
  const loaded = useLiveQuery<Loaded>(async () => {
    const { days, fromIso, toIso } = periodDays(lastDay, length);
    try {
      const [letters, decisions] = await Promise.all([records.letters.between(session, fromIso, toIso), records.review.decisionsBetween(session, fromIso, toIso)]);
      return { figures: periodFigures(letters, decisions, days) };
    } catch (e) {
      return { problem: problemText(e, 'the report could not be made') };
    }
  }, [records, session, lastDay, length]);

  if (loaded && 'problem' in loaded) return <p className="problem" role="alert">{loaded.problem}</p>;
  const f = loaded?.figures;
  const officers = f?.officers.map((o) => ({ ...o, name: officerName(o.officerId) })) ?? [];
  const exportCsv = () => f && downloadText(`mailroom-report-${info.station}-${lastDay}-${length === 1 ? 'day' : 'week'}.csv`, reportCsv(f, officerName));

  return (
    <section className="reports" aria-labelledby="reports-title">
      <h1 id="reports-title">Reports</h1>
      <div className="filters">
        <label>
          Period
          <select value={length} onChange={(e) => setLength(Number(e.target.value) === 1 ? 1 : 7)} data-testid="report-period">
            <option value={1}>one day</option>
            <option value={7}>one week</option>
          </select>
        </label>
        <label>
          {length === 1 ? 'Day' : 'Week ending'} <input type="date" value={lastDay} onChange={(e) => e.target.value && setLastDay(e.target.value)} />
        </label>
        <button type="button" onClick={exportCsv} disabled={!f} data-testid="report-export">
          Export CSV
        </button>
      </div>
      {!f ? (
        <p>Counting…</p>
      ) : (
        <>
          <dl className="figures" data-testid="report-figures">
            <div>
              <dt>Screened</dt>
              <dd>{f.screened}</dd>
            </div>
            <div className="count-clear">
              <dt>✔ Clear</dt>
              <dd>{f.clear}</dd>
            </div>
            <div className="count-hold">
              <dt>✖ Held</dt>
              <dd>{f.held}</dd>
            </div>
            <div className="count-review">
              <dt>⚠ Review</dt>
              <dd>{f.reviewed}</dd>
            </div>
            <div>
              <dt>Withheld</dt>
              <dd>{f.withheld}</dd>
            </div>
            <div>
              <dt>Released</dt>
              <dd>{f.released}</dd>
            </div>
            <div>
              <dt>Returned</dt>
              <dd>{f.returned}</dd>
            </div>
            <div>
              <dt>Median time to decision</dt>
              <dd>{f.medianMinutesToDecision === null ? '—' : `${Math.round(f.medianMinutesToDecision)} min`}</dd>
            </div>
          </dl>
          <div className="charts">
            <figure>
              <figcaption>Verdicts per day</figcaption>
              <BarChart width={520} height={260} data={[...f.days]}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                {(['CLEAR', 'HOLD', 'REVIEW'] as const).map((v) => (
                  <Bar key={v} dataKey={v} stackId="v" fill={COLOURS[v]} isAnimationActive={false} />
                ))}
              </BarChart>
            </figure>
            <figure>
              <figcaption>Per officer</figcaption>
              <BarChart width={520} height={260} data={officers}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                <Bar dataKey="screened" fill="#4b5d6b" isAnimationActive={false} />
                <Bar dataKey="HOLD" fill={COLOURS.HOLD} isAnimationActive={false} />
                <Bar dataKey="REVIEW" fill={COLOURS.REVIEW} isAnimationActive={false} />
              </BarChart>
            </figure>
          </div>
          <table data-testid="report-officers">
            <thead>
              <tr>
                <th>Officer</th>
                <th>Screened</th>
                <th>HOLD</th>
                <th>REVIEW</th>
              </tr>
            </thead>
            <tbody>
              {officers.map((o) => (
                <tr key={o.officerId}>
                  <td>{o.name}</td>
                  <td>{o.screened}</td>
                  <td>{o.HOLD}</td>
                  <td>{o.REVIEW}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
