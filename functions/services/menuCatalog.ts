// The service list the committee drew up after visiting every company: 4 categories (党务、政策、商务、公益) holding
// 19 items. It is the menu until staff replace it (PUT /v1/admin/services), and what a first start seeds.
import type { ServiceMenu } from '../../shared/api/services';

const CENTRE = '环翠楼党群服务中心';

export const DEFAULT_MENU: ServiceMenu = {
  categories: [
    {
      id: 'party',
      name: '党务',
      items: [
        {
          id: 'party-transfer',
          name: '党组织关系转接',
          description: '流动党员、新入职党员的组织关系转入转出指导与办理。',
          provider: '商圈党委组织部',
          howTo: '在线提交申请，工作人员 1 个工作日内联系您，携带介绍信到服务中心办理。',
        },
        {
          id: 'party-branch',
          name: '党组织组建指导',
          description: '帮助非公企业、楼宇企业按规定建立党支部或联合党支部。',
          provider: '商圈党委',
          howTo: '在线提交企业名称与党员人数，党建指导员上门对接。',
        },
        {
          id: 'party-lesson',
          name: '党课与主题党日',
          description: '提供行走的党课、主题党日活动策划、场地与讲师。',
          provider: CENTRE,
          howTo: '提前一周在线申请，注明人数与期望日期。',
        },
        {
          id: 'party-fee',
          name: '党费收缴咨询',
          description: '党费计算标准、收缴流程与凭证的咨询。',
          provider: '商圈党委组织部',
          howTo: '在线提交问题或到政策管家轮值岗当面咨询。',
        },
        {
          id: 'party-training',
          name: '入党积极分子培训',
          description: '积极分子、发展对象的集中培训与学习资料。',
          provider: '商圈党校',
          howTo: '由所在支部推荐后在线报名。',
        },
      ],
    },
    {
      id: 'policy',
      name: '政策',
      items: [
        {
          id: 'policy-tax',
          name: '税收优惠政策解读',
          description: '小微企业减免、研发费用加计扣除等税收政策解读与申报指导。',
          provider: '区税务局',
          howTo: '在线提交问题，或预约政策管家轮值岗税务专员。',
        },
        {
          id: 'policy-license',
          name: '营业执照与登记变更',
          description: '设立、变更、注销登记的材料清单与办理指引。',
          provider: '区市场监管局',
          howTo: '在线提交需求，专员告知材料清单并预约窗口。',
        },
        {
          id: 'policy-employment',
          name: '就业创业补贴申领',
          description: '吸纳就业补贴、创业担保贷款、一次性创业补贴的申领。',
          provider: '区人社局',
          howTo: '在线提交企业与人员情况，专员核对条件后指导申报。',
        },
        {
          id: 'policy-social',
          name: '社保与用工咨询',
          description: '社保参保、劳动合同、用工备案等政策咨询。',
          provider: '区人社局',
          howTo: '在线提交问题或到政策管家轮值岗咨询。',
        },
        {
          id: 'policy-talent',
          name: '人才政策兑现',
          description: '人才认定、安居补贴、子女入学等人才政策的申报指导。',
          provider: '区委人才办',
          howTo: '在线提交申请，专员 3 个工作日内答复。',
        },
      ],
    },
    {
      id: 'business',
      name: '商务',
      items: [
        {
          id: 'biz-matching',
          name: '商圈企业供需对接',
          description: '发布采购与供给需求，撮合商圈内企业合作。',
          provider: '商圈商会',
          howTo: '在线提交需求，商会每月组织一次对接会。',
        },
        {
          id: 'biz-finance',
          name: '融资对接服务',
          description: '对接银行、担保机构，提供普惠金融产品介绍。',
          provider: '区金融服务中心',
          howTo: '在线提交融资需求与企业基本情况。',
        },
        {
          id: 'biz-legal',
          name: '法律咨询',
          description: '合同审查、劳动争议、知识产权等公益法律咨询。',
          provider: '商圈律师服务团',
          howTo: '在线提交问题，律师 2 个工作日内联系您。',
        },
        {
          id: 'biz-space',
          name: '会议与路演场地',
          description: '服务中心会议室、路演厅的免费预约使用。',
          provider: CENTRE,
          howTo: '在线申请，注明用途、人数与时间。',
        },
        {
          id: 'biz-brand',
          name: '品牌推广与联盟',
          description: '加入行业联盟、异业联盟，参与商圈统一推广活动。',
          provider: '商圈商会',
          howTo: '在线申请，或在“联盟”页提交商户入驻。',
        },
      ],
    },
    {
      id: 'welfare',
      name: '公益',
      items: [
        {
          id: 'welfare-volunteer',
          name: '志愿服务报名',
          description: '参与商圈文明引导、环境整治、助老助残等志愿服务。',
          provider: '商圈志愿者协会',
          howTo: '在线报名，注明可服务的时间。',
        },
        {
          id: 'welfare-care',
          name: '职工关爱服务',
          description: '爱心驿站、母婴室、职工心理疏导与健康讲座。',
          provider: '商圈工会',
          howTo: '在线提交需求，工会工作人员联系您。',
        },
        {
          id: 'welfare-youth',
          name: '少儿红色教育',
          description: '职工子女的红色故事会、假期托管与研学活动。',
          provider: '少儿教育红色联盟',
          howTo: '在线申请，或在“活动”页报名具体场次。',
        },
        {
          id: 'welfare-help',
          name: '困难职工帮扶',
          description: '困难职工慰问、临时救助与就业帮扶。',
          provider: '商圈工会',
          howTo: '在线提交困难情况，工作人员核实后联系。',
        },
      ],
    },
  ],
};
