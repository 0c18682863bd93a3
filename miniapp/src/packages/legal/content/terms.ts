// 用户协议: the rules of using this mini-program.
import type { LegalSection } from './common';

export const TERMS_INTRO =
  '欢迎使用红色商圈小程序。本小程序由环翠楼街道党群服务中心提供，面向辖区党员、企业职工、户外劳动者和居民免费开放。登录即表示您同意本协议和《隐私政策》。';

export const TERMS_SECTIONS: LegalSection[] = [
  {
    heading: '服务内容',
    paragraphs: [
      '活动报名与候补、共享空间签到、寄语墙、联盟商户优惠、阵地预约与服务诉求。各项服务免费，名额有限时按先后顺序分配。',
    ],
  },
  {
    heading: '账号',
    paragraphs: [
      '您以微信身份登录，一个微信账号对应一个账号。请妥善使用，不得冒用他人身份为他人报名或领取优惠。您可以随时在“我的”中注销账号。',
    ],
  },
  {
    heading: '发布内容',
    paragraphs: [
      '寄语和昵称须遵守法律法规和社会公德，经内容安全检测和人工审核后展示；违规内容将被拒绝或隐藏。',
    ],
  },
  {
    heading: '活动与优惠',
    paragraphs: [
      '报名后不能参加请及时取消，把名额让给候补的人。优惠券以商户的说明为准，每人限领数量以页面显示为准，不得转售。',
    ],
  },
  {
    heading: '未成年人',
    paragraphs: ['为儿童报名青少年教育活动须由其监护人进行，并同意《隐私政策》中关于儿童个人信息的条款。'],
  },
  {
    heading: '协议变更',
    paragraphs: ['本协议变更时，我们会在小程序内公布新版本；重要变更会在您下次使用时提示。'],
  },
];
