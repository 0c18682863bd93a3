import { View } from '@tarojs/components';
import { LegalDoc } from '../../components/LegalDoc';
import { COLLECTED } from '../../content/collection';

const ROWS = [
  ['why', '用途'],
  ['shown', '显示位置'],
  ['kept', '保存期限'],
] as const;

/** 个人信息收集清单: what, why, where it is shown, how long it is kept. */
export default function CollectionPage() {
  return (
    <LegalDoc
      title="个人信息收集清单"
      intro="以下是红色商圈保存的全部个人信息。您可以在“我的”中导出这些数据或注销账号。"
      sections={[]}
    >
      {COLLECTED.map((item) => (
        <View key={item.what} className="rc-legal__item" data-collected={item.what}>
          <View className="rc-legal__item-name">{item.what}</View>
          {ROWS.map(([key, label]) => (
            <View key={key} className="rc-legal__row">
              <View className="rc-legal__row-label">{label}</View>
              <View className="rc-legal__row-value">{item[key]}</View>
            </View>
          ))}
        </View>
      ))}
    </LegalDoc>
  );
}
