// 服务清单: the committee's service list by category (党务、政策、商务、公益), open to anyone; an item opens its
// detail with the 申请 form. The policy-steward desk and 我的申请 are one tap away.
import { View } from '@tarojs/components';
import { useState } from 'react';
import { servicesApi } from '../../../../api/services';
import { NavBar, PageContent, usePageData } from '../../../../components';
import { openPage } from '../../../../navigation';
import '../../styles.scss';
import './index.scss';

export default function ServiceMenuPage() {
  const page = usePageData(() => servicesApi.menu(), []);
  const [active, setActive] = useState<string | null>(null);
  return (
    <View className="rc-page rc-services-menu">
      <NavBar />
      <View
        className="rc-card rc-services-menu__duty"
        onClick={() => void openPage('/packages/services/pages/duty/index')}
      >
        <View className="rc-services-title">政策管家轮值岗</View>
        <View className="rc-services-meta">税务、市场监管、人社专员轮流坐班，今日在岗与预约咨询 ›</View>
      </View>
      <PageContent
        page={page}
        isEmpty={(m) => m.categories.length === 0}
        emptyText="服务清单正在整理中"
        emptyIcon="clipboard"
      >
        {(menu) => {
          const total = menu.categories.reduce((n, c) => n + c.items.length, 0);
          const shown = menu.categories.filter((c) => !active || c.id === active);
          return (
            <View>
              <View className="rc-services-menu__summary">
                {menu.categories.length} 类 {total} 项服务
              </View>
              <View className="rc-services-chips">
                <View
                  className={`rc-services-chip ${active ? '' : 'rc-services-chip--active'}`}
                  onClick={() => setActive(null)}
                >
                  全部
                </View>
                {menu.categories.map((c) => (
                  <View
                    key={c.id}
                    className={`rc-services-chip ${active === c.id ? 'rc-services-chip--active' : ''}`}
                    onClick={() => setActive(c.id)}
                  >
                    {c.name}（{c.items.length}）
                  </View>
                ))}
              </View>
              {shown.map((category) => (
                <View key={category.id} className="rc-services-menu__category">
                  <View className="rc-section-title">{category.name}服务</View>
                  {category.items.map((item) => (
                    <View
                      key={item.id}
                      className="rc-card rc-services-menu__item"
                      onClick={() => void openPage(`/packages/services/pages/item/index?id=${item.id}`)}
                    >
                      <View className="rc-services-row">
                        <View className="rc-services-title">{item.name}</View>
                        <View className="rc-services-menu__go">申请 ›</View>
                      </View>
                      <View className="rc-services-meta">{item.description}</View>
                      <View className="rc-services-hint">提供：{item.provider}</View>
                    </View>
                  ))}
                </View>
              ))}
              <View
                className="rc-services-menu__mine"
                onClick={() => void openPage('/packages/services/pages/mine/index')}
              >
                查看我的申请 ›
              </View>
            </View>
          );
        }}
      </PageContent>
    </View>
  );
}
