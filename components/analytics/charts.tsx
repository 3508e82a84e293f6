/** Plain SVG charts rendered on the server: no chart library, no client JavaScript. */

export function DailyBars({ data, label }: { data: { day: string; value: number }[]; label: string }) {
  const width = 640;
  const height = 160;
  const max = Math.max(1, ...data.map((d) => d.value));
  const barWidth = data.length ? width / data.length : width;
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height + 20}`} role="img" aria-label={label} className="h-auto w-full">
        <line x1="0" y1={height} x2={width} y2={height} stroke="#cbd5e1" />
        {data.map((d, index) => {
          const h = (d.value / max) * (height - 10);
          return (
            <g key={d.day}>
              <rect x={index * barWidth + 1} y={height - h} width={Math.max(1, barWidth - 2)} height={h} fill="#0f766e">
                <title>{`${d.day}: ${d.value}`}</title>
              </rect>
              {(index === 0 || index === data.length - 1) && (
                <text x={index * barWidth + barWidth / 2} y={height + 14} fontSize="10" textAnchor={index === 0 ? "start" : "end"} fill="#475569">{d.day}</text>
              )}
            </g>
          );
        })}
        <text x="2" y="10" fontSize="10" fill="#475569">{max}</text>
      </svg>
      {data.length === 0 && <figcaption className="text-sm text-slate-500">No data in this period.</figcaption>}
    </figure>
  );
}

export function HorizontalBars({ rows, label }: { rows: { label: string; value: number }[]; label: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const rowHeight = 22;
  return (
    <svg viewBox={`0 0 400 ${Math.max(rowHeight, rows.length * rowHeight)}`} role="img" aria-label={label} className="h-auto w-full">
      {rows.map((row, index) => (
        <g key={row.label} transform={`translate(0 ${index * rowHeight})`}>
          <text x="0" y="15" fontSize="11" fill="#334155">{row.label}</text>
          <rect x="150" y="4" width={(row.value / max) * 210} height="14" fill="#1d4ed8" rx="2" />
          <text x={155 + (row.value / max) * 210} y="15" fontSize="11" fill="#334155">{row.value}</text>
        </g>
      ))}
    </svg>
  );
}

/** A single share as a filled bar with the number beside it. */
export function ShareBar({ share, label, tone = "#0f766e" }: { share: number | null; label: string; tone?: string }) {
  const pct = share === null ? null : Math.round(share * 1000) / 10;
  return (
    <svg viewBox="0 0 300 24" role="img" aria-label={`${label}: ${pct === null ? "no data" : `${pct}%`}`} className="h-6 w-full max-w-xs">
      <rect x="0" y="4" width="300" height="16" rx="3" fill="#e2e8f0" />
      {pct !== null && <rect x="0" y="4" width={(pct / 100) * 300} height="16" rx="3" fill={tone} />}
    </svg>
  );
}
