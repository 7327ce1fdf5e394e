'use client';
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

export interface BarSeries {
  label: string;
  values: number[];
  color: string;
}

/** A bar chart with a text label for screen readers; the tables next to it hold the same numbers. */
export function BarChart({ labels, series, label, stacked = false }: { labels: string[]; series: BarSeries[]; label: string; stacked?: boolean }) {
  return (
    <div className="attend-chart">
      <Bar
        aria-label={label}
        role="img"
        data={{ labels, datasets: series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color })) }}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } },
          plugins: { legend: { position: 'bottom' } },
        }}
      />
    </div>
  );
}
