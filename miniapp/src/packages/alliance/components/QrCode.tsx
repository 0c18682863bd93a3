// A QR code drawn with views, so it renders the same in H5 and in WeChat without a canvas. The matrix comes from
// the `qrcode` package; the size comes from the stylesheet (design px, converted per platform) and the modules are
// laid out in percentages of it.
import { View } from '@tarojs/components';
import { create } from 'qrcode';
import { useMemo } from 'react';
import './QrCode.scss';

export interface QrCodeProps {
  text: string;
}

export function QrCode({ text }: QrCodeProps) {
  const rows = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    const out: boolean[][] = [];
    for (let r = 0; r < modules.size; r++) {
      const row: boolean[] = [];
      for (let c = 0; c < modules.size; c++) row.push(Boolean(modules.get(r, c)));
      out.push(row);
    }
    return out;
  }, [text]);
  const share = `${100 / rows.length}%`;
  return (
    <View className="rc-alliance-qr" aria-label={`二维码 ${text}`}>
      <View className="rc-alliance-qr__matrix">
        {rows.map((row, r) => (
          <View key={r} className="rc-alliance-qr__row" style={{ height: share }}>
            {row.map((dark, c) => (
              <View
                key={c}
                className={dark ? 'rc-alliance-qr__cell rc-alliance-qr__cell--dark' : 'rc-alliance-qr__cell'}
                style={{ width: share }}
              />
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}
