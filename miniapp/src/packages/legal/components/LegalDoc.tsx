// One legal page: title, version, then numbered sections of paragraphs (content/*.ts holds the words).
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { NavBar } from '../../../components';
import { LEGAL_VERSION, type LegalSection } from '../content/common';
import './LegalDoc.scss';

export interface LegalDocProps {
  title: string;
  intro: string;
  sections: LegalSection[];
  children?: ReactNode;
}

export function LegalDoc({ title, intro, sections, children }: LegalDocProps) {
  return (
    <View className="rc-page rc-legal">
      <NavBar />
      <View className="rc-legal__doc">
        <View className="rc-legal__title">{title}</View>
        <View className="rc-legal__version">版本 {LEGAL_VERSION} · 环翠楼街道党群服务中心</View>
        <View className="rc-legal__para">{intro}</View>
        {children}
        {sections.map((section, i) => (
          <View key={section.heading} className="rc-legal__section">
            <View className="rc-legal__heading">
              {i + 1}. {section.heading}
            </View>
            {section.paragraphs.map((text) => (
              <View key={text} className="rc-legal__para">
                {text}
              </View>
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}
