/**
 * Synonym groups: the words citizens say and the words articles are written in. A query token that
 * belongs to a group is expanded to every other member with a lower weight. Editors add groups per
 * article (`synonyms` field) and globally (the kb_synonyms table); these are the built-in defaults.
 */
export type SynonymGroups = readonly (readonly string[])[];

export const DEFAULT_SYNONYMS: SynonymGroups = groups(`
  停水 没水 断水 不来水 无水 没有水 水停了
  水压 水压低 水小 水流小 水压小 水很小 水特别小 出水小
  水质 水黄 水浑 发黄 黄水 浑浊 有异味 能喝 饮用
  爆管 水管爆裂 水管破裂 管道破裂 跑水
  漏水 渗水 滴水 渗漏
  水费 自来水费 水钱
  水表 水表坏 水表不走 水表冻裂
  停电 没电 断电 跳闸
  电费 电钱
  燃气 天然气 煤气
  暖气 供暖 供热 采暖 暖气不热 不热
  缴费 交费 付费 缴纳 交钱 充值
  欠费 拖欠 没交 未缴
  补缴 补交 补缴费
  违建 违章建筑 乱搭乱建 私搭乱建 搭建 加盖
  占道经营 摆摊 流动摊贩 小摊贩 路边摊 摊贩
  噪音扰民 噪音 噪声 太吵 吵闹 扰民 吵
  施工噪音 夜间施工 晚上施工 半夜施工
  装修 装修噪音 砸墙 电钻
  垃圾清运 垃圾没人收 垃圾没人清 垃圾堆积 垃圾满了 垃圾
  建筑垃圾 装修垃圾 渣土
  油烟 油烟味 烧烤
  路灯 路灯不亮 灯不亮 路灯坏
  井盖 窨井盖 下水道盖
  下水道 排水 堵塞 下水道堵 污水外溢 冒水
  违停 乱停车 乱停 占用车位 堵门
  流浪狗 流浪犬 野狗
  养犬 养狗 狗 遛狗 犬只 宠物狗
  物业 物业公司 物管
  物业费 物管费
  电梯 电梯故障 电梯坏 困人
  公积金 住房公积金
  提取 取出 取钱 提现 支取
  贷款 按揭 借款
  租房 租赁 出租房 房租
  押金 保证金 定金
  房产证 不动产权证 产权证 房本
  交房 收房 延期交房 逾期交房
  拆迁 征收 征迁
  社保 社会保险
  医保 医疗保险 医保卡
  社保卡 社会保障卡
  养老金 退休金 养老保险金
  退休 退休手续 办退休
  失业金 失业保险金 失业补助
  异地就医 外地看病 外地住院 异地报销
  报销 报账 结算
  断缴 断了 断保 停保
  户口 户籍
  落户 迁户口 迁入 户口迁移
  身份证 身份证件
  补办 挂失 丢了 丢失 遗失
  居住证 暂住证
  出生证明 出生医学证明
  结婚登记 领证 领结婚证
  疫苗 打针 预防接种 接种
  欠薪 拖欠工资 不发工资 工资没发 讨薪 欠工资 不发 拖着 拖欠
  劳动合同 合同 用工合同 签合同
  加班费 加班工资
  经济补偿 辞退补偿 赔偿金 补偿金 赔偿 赔钱
  辞退 开除 解雇 裁员 炒鱿鱼 解除劳动合同
  辞职 离职 不干了 换工作
  营业执照 执照
  发票 开票
  退款 退钱 不退钱 退费
  预付卡 会员卡 储值卡 办卡
  食品安全 吃坏 变质 过期 不新鲜 过期食品
  价格欺诈 乱收费 多收钱 宰客
  出租车 的士 打车
  网约车 滴滴 专车 快车
  拒载 不拉 不载客
  绕路 绕远路 绕道
  公交 公交车 巴士
  地铁 轨道交通
  驾驶证 驾照
  违章 违法 罚单 交通违法
  电动自行车 电动车 电瓶车
  上牌 挂牌 牌照
  充电桩 充电
  红绿灯 信号灯 交通信号灯
  交通事故 车祸 撞车 剐蹭
  入学 上学 报名 招生
  幼儿园 托儿所
  校外培训 补课 培训班 补习班
  转学 转校
  空气污染 废气 烟尘 冒黑烟
  异味 臭味 难闻 刺鼻
  扬尘 灰尘 尘土
  河道 河流 河水 小河
  黑臭水体 河水发臭 河道发臭
  积水 内涝 淹水 水淹 淹 淹了 被淹
  树木 大树 树枝 行道树
  修剪 砍伐 砍树
  共享单车 单车 自行车
  低保 最低生活保障 困难补助
  补贴 津贴 补助
  生孩子 生育 生小孩 怀孕 产假
  做生意 个体户 个体工商户 灵活就业 自由职业
  外地人 外来人员 流动人口 外来务工 外地户口
  没人住 无人居住 空置 停暖
  吨 立方米 方
  大坑 坑 坑槽 坑洼 路面破损 塌陷
  拉土 渣土 渣土车 土方车
  掉渣 抛洒 撒落 洒落 滴漏
  信号塔 基站 铁塔 发射塔
  屏幕 广告屏 大屏 显示屏 LED
  刺眼 强光 光污染 晃眼 太亮
  人住 居住 住人 群租 合租
  残疾证 残疾人证
  老人 老年人 高龄
  工单 投诉单 单子 诉求
  进度 处理结果 办理进度 结果 办得 办到哪 有没有结果
  查询 查 想查 查一下
  投诉 举报 反映
  咨询 问
`);

function groups(text: string): string[][] {
  return text
    .split('\n')
    .map((l) =>
      l
        .trim()
        .split(/\s+/)
        .filter((w) => w !== ''),
    )
    .filter((g) => g.length > 1);
}

export interface WeightedTerm {
  term: string;
  weight: number;
  /** The query token this term came from (itself for original tokens). */
  from: string;
}

/** Weight of a synonym relative to the word the caller actually said. */
export const SYNONYM_WEIGHT = 0.7;

export class SynonymTable {
  readonly #map = new Map<string, Set<string>>();
  constructor(groups: SynonymGroups = DEFAULT_SYNONYMS) {
    for (const g of groups) this.addGroup(g);
  }
  addGroup(group: readonly string[]): void {
    const words = group.map((w) => w.trim().toLowerCase()).filter((w) => w !== '');
    for (const w of words) {
      let set = this.#map.get(w);
      if (!set) {
        set = new Set();
        this.#map.set(w, set);
      }
      for (const o of words) if (o !== w) set.add(o);
    }
  }
  words(): string[] {
    return [...this.#map.keys()];
  }
  /** Query tokens plus their synonyms; an original token keeps weight 1 even if also a synonym. */
  expand(tokens: readonly string[]): WeightedTerm[] {
    const out = new Map<string, WeightedTerm>();
    for (const t of tokens) out.set(t, { term: t, weight: 1, from: t });
    for (const t of tokens) {
      for (const s of this.#map.get(t) ?? []) {
        if (!out.has(s)) out.set(s, { term: s, weight: SYNONYM_WEIGHT, from: t });
      }
    }
    return [...out.values()];
  }
}
