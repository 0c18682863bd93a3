// The ticket as a QR code, drawn with views (no canvas), so H5 and WeChat render the same thing. The matrix comes
// from the `qrcode` package; each row is drawn as runs of equal modules, which keeps the view count low.
import { View } from '@tarojs/components';
import { create } from 'qrcode';
import { useMemo } from 'react';
import './TicketQr.scss';

interface Run {
  dark: boolean;
  length: number;
}

export function TicketQr({ text }: { text: string }) {
  const { rows, size } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    const out: Run[][] = [];
    for (let r = 0; r < modules.size; r++) {
      const runs: Run[] = [];
      for (let c = 0; c < modules.size; c++) {
        const dark = Boolean(modules.get(r, c));
        const last = runs[runs.length - 1];
        if (last && last.dark === dark) last.length++;
        else runs.push({ dark, length: 1 });
      }
      out.push(runs);
    }
    return { rows: out, size: modules.size };
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
