// The ticket as a QR code, drawn with views (qrMatrix); each row is drawn as runs of equal modules, which keeps the
// view count low.
import { View } from '@tarojs/components';
import { useMemo } from 'react';
import { qrMatrix } from '../../../lib/qrMatrix';
import './TicketQr.scss';

interface Run {
  dark: boolean;
  length: number;
}

export function TicketQr({ text }: { text: string }) {
  const { rows, size } = useMemo(() => {
    const matrix = qrMatrix(text);
    const runsOf = (row: boolean[]) =>
      row.reduce<Run[]>((runs, dark) => {
        const last = runs[runs.length - 1];
        if (last && last.dark === dark) last.length++;
        else runs.push({ dark, length: 1 });
        return runs;
      }, []);
    return { rows: matrix.map(runsOf), size: matrix.length };
  }, [text]);
  const unit = 100 / size;
  return (
    <View className="rc-events-qr" aria-label="电子票二维码">
      <View className="rc-events-qr__matrix">
        {rows.map((runs, r) => (
          <View key={r} className="rc-events-qr__row" style={{ height: `${unit}%` }}>
            {runs.map((run, i) => (
              <View
                key={i}
                className={run.dark ? 'rc-events-qr__run rc-events-qr__run--dark' : 'rc-events-qr__run'}
                style={{ width: `${run.length * unit}%` }}
              />
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}
