import { View } from '@tarojs/components';
import { Empty } from './Empty';
import { NavBar } from './NavBar';

export interface StaffOnlyProps {
  /** 仅限工作人员使用 unless told (仅限管理员使用 …). */
  text?: string;
}

/**
 * A staff page opened by someone without the role: the whole page, with the H5 title bar and its back control (an
 * early return without it left the browser's back as the only way out), a lock, and whom to ask.
 */
export function StaffOnly({ text = '仅限工作人员使用' }: StaffOnlyProps) {
  return (
    <View className="rc-page rc-staff-only">
      <NavBar />
      <Empty icon="lock" text={text} hint="如需权限，请联系管理员" />
    </View>
  );
}
