// Demo data for a first `npm start`: approved merchants in both alliances with offers, one application waiting for
// staff, and a claimed code. Everything goes through the services, so it obeys the same rules as real data.
// Sign in as `merchant` (环翠楼老字号面馆) to redeem, as `zhangsan` to see a claimed code, as `demo_staff` to review.
import type { Alliance } from '../../shared/api/alliance';
import type { Seeder } from '../lib/seed';
import { userService } from '../users/userService';
import { claimService } from './claimService';
import { merchantService } from './merchantService';
import { offerService } from './offerService';

const DAY = 86400_000;

const shops: {
  openid: string;
  name: string;
  category: string;
  address: string;
  offers: {
    title: string;
    description: string;
    alliance: Alliance;
    quantity: number;
    perUserLimit?: number;
    days: number;
  }[];
}[] = [
  {
    openid: 'merchant',
    name: '环翠楼老字号面馆',
    category: '餐饮',
    address: '环翠楼街道统一路 66 号',
    offers: [
      {
        title: '商圈职工午餐九折',
        description: '凭券到店午餐享九折，限堂食。',
        alliance: 'industry',
        quantity: 200,
        days: 30,
      },
      {
        title: '环卫工人免费热汤面',
        description: '环卫及户外劳动者凭券领取热汤面一碗。',
        alliance: 'cross_industry',
        quantity: 50,
        days: 14,
      },
    ],
  },
  {
    openid: 'merchant2',
    name: '威海卫书局',
    category: '图书文创',
    address: '环翠楼街道新威路 12 号',
    offers: [
      {
        title: '党员读书月满百减二十',
        description: '购买党史类图书满 100 元减 20 元。',
        alliance: 'cross_industry',
        quantity: 100,
        perUserLimit: 2,
        days: 30,
      },
    ],
  },
  {
    openid: 'merchant3',
    name: '海景百货',
    category: '零售',
    address: '环翠楼街道海港路 8 号',
    offers: [
      {
        title: '职工专享满二百减三十',
        description: '全场满 200 元减 30 元（特价商品除外）。',
        alliance: 'industry',
        quantity: 300,
        days: 60,
      },
    ],
  },
];

export const seed: Seeder = async (ctx) => {
  const now = Date.now();
  const firstOffers: string[] = [];
  for (const shop of shops) {
    const userId = await ctx.user(shop.openid);
    const applied = await merchantService.apply(userId, {
      name: shop.name,
      category: shop.category,
      address: shop.address,
      contact: '0631-5200000',
    });
    await merchantService.decide(applied.id, 'approve', null, ctx.staffUserId);
    // The shop's owner, now holding the merchant role, posts the offers.
    const owner = await userService.current(userId);
    if (!owner) throw new Error(`seed: demo user ${shop.openid} is missing`);
    for (const offer of shop.offers) {
      const created = await offerService.create(owner, {
        title: offer.title,
        description: offer.description,
        alliance: offer.alliance,
        quantity: offer.quantity,
        perUserLimit: offer.perUserLimit ?? 1,
        validFrom: new Date(now - DAY).toISOString(),
        validUntil: new Date(now + offer.days * DAY).toISOString(),
      });
      firstOffers.push(created.id);
    }
  }
  const applicant = await ctx.user('applicant');
  await merchantService.apply(applicant, {
    name: '街角咖啡',
    category: '餐饮',
    address: '环翠楼街道统一路 18 号',
    contact: '13800000000',
  });
  await claimService.claim(firstOffers[0], await ctx.user('zhangsan'));
};
