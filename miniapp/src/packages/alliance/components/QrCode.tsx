// A claimed code's QR code, drawn with views (qrMatrix), one view per module. The size comes from the stylesheet
// (design px, converted per platform) and the modules are laid out in percentages of it.
import { View } from '@tarojs/components';
import { useMemo } from 'react';
import { qrMatrix } from '../../../lib/qrMatrix';
import './QrCode.scss';

export interface QrCodeProps {
  text: string;
}

export function QrCode({ text }: QrCodeProps) {
  const rows = useMemo(() => qrMatrix(text), [text]);
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
