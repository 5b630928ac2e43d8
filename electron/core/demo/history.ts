/**
 * Eight weeks of demo call history, made through the services the call screen and the manager
 * pages use — generateTasks, assignTasks, startCall, saveDraft, recordAttempt, finalizeRecord —
 * never by writing attempts, records or flags directly, so a demo database holds everything those
 * services write (audit entries, flags, task states) exactly as real work would leave it.
 *
 * The branch is replayed day by day over the 56 days before the as-of date: every Monday the task
 * list is refreshed as the app does at start, each morning the manager hands out part of the day's
 * work, and the officers call within calling hours (王芳, 李娜, 刘洋). Tasks whose window closed in those weeks are worked:
 * about 80 % end in a finalized record (about one in ten with a discrepancy, some raised by script
 * answers such as a borrowed down payment), about 8 % are escalated (empty number, refusal, three
 * unanswered calls on two days) and the rest stay open — an unanswered call to retry, or a callback
 * booked for the coming days. Today's and later windows are left for the queue.
 *
 * Deterministic: each task's course follows from the seed and the task's loan, type and slot.
 * Tasks that already have attempts (or an officer) are skipped, so running it again adds nothing.
 */
import type { UserView } from '../../../shared/contract';
import {
  attemptAllowed,
  draftStateSchema,
  ITEMS,
  type CallRules,
  type DraftState,
  type ItemKey,
  type ItemResult,
  type Outcome,
} from '../../../shared/domain/calls';
import type { TaskType } from '../../../shared/domain/taskRules';
import { addDays, isWorkingDay, shanghaiDate, toDate, type WorkCalendar } from '../../../shared/domain/workdays';
import {
  checklistKey,
  checklistOf,
  expandStep,
  nextInstance,
  type AskStep,
  type ChecklistItem,
  type Script,
  type ScriptParty,
  type StepInstance,
} from '../../../shared/scripts/schema';
import { toUserView } from '../users/users';
import { discardDraft, draftOf, recordAttempt, saveDraft, startCall } from '../calls/calls';
import { loanView, partiesOf } from '../calls/loanFacts';
import { finalizeRecord, scriptParties } from '../records/records';
import { scriptById } from '../calls/scripts';
import { stmt, type Db } from '../db/open';
import { assignTasks } from '../tasks/assign';
import { loadCalendar, seedCalendar } from '../calendar/calendar';
import { generateTasks } from '../tasks/generate';
import { getSetting } from '../settings/store';
import { AppError } from '../../../shared/result';
import { Rng } from './random';
import { shanghaiInstant } from '../../../shared/domain/shanghai';

/** How far back the history reaches: tasks whose window closed in these days are worked. */
export const HISTORY_DAYS = 56;

export interface HistoryResult {
  attempts: number;
  records: number;
  escalated: number;
  flags: number;
  /** Tasks whose planned calls the branch's settings refused part way (none with the defaults). */
  skipped: number;
}

const MIN = 60_000;
const HOUR = 60 * MIN;

/** The instant of a wall-clock time (minutes after midnight) on a date in Asia/Shanghai. */
const instant = (day: string, minutes: number): number => shanghaiInstant(day).getTime() + minutes * MIN;
const dayOf = (ms: number): string => shanghaiDate(new Date(ms));
const minuteOf = (ms: number): number => Math.floor(((ms + 8 * HOUR) % (24 * HOUR)) / MIN);
const daysBetween = (a: string, b: string): number =>
  Math.round((toDate(b).getTime() - toDate(a).getTime()) / 86_400_000);

/** A stable number for a string (FNV-1a), mixed with the seed so each task has its own dice. */
function taskSeed(seed: number, key: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [v, w] of items) if ((r -= w) < 0) return v;
  return items[items.length - 1]![0];
}

/** A start time inside the calling hours, with a few minutes' margin before each block ends. */
function slot(rng: Rng, day: string): number {
  const am = rng.chance(0.55);
  const from = am ? 9 * 60 + 2 : 14 * 60 + 2;
  const to = am ? 11 * 60 + 40 : 17 * 60 + 35;
  return instant(day, rng.int(from, to)) + rng.int(0, 59) * 1000;
}

// ---------------------------------------------------------------------------------------------
// Planning: what happens to one task, and when.

type Step = 'record' | Exclude<Outcome, 'completed' | 'completed_with_discrepancy'>;

interface PlannedCall {
  at: number;
  step: Step;
  seconds: number;
  bookedAt: number | null;
}

interface HistoryTask {
  id: number;
  loanId: number;
  loanNo: string;
  type: TaskType;
  slot: string;
  windowStart: string;
  dueBy: string;
}

interface Plan {
  task: HistoryTask;
  officer: UserView;
  byManager: boolean;
  calls: PlannedCall[];
  rng: Rng;
}

const SECONDS: Record<Step, [number, number]> = {
  record: [260, 780],
  no_answer: [25, 60],
  busy: [4, 15],
  powered_off: [8, 20],
  wrong_person: [50, 150],
  callback_requested: [35, 110],
  invalid_number: [8, 25],
  refused: [60, 200],
};

const FAILURES: readonly (readonly [Step, number])[] = [
  ['no_answer', 45],
  ['busy', 15],
  ['powered_off', 10],
  ['callback_requested', 20],
  ['wrong_person', 10],
];

/**
 * Lay a sequence of calls on the working days from `days[start]`: retries the same afternoon
 * after a morning no-answer or busy line, booked callbacks at the booked time, everything else on
 * the next working day. At most two calls a day, and only where the attempt rules allow (three
 * calls span at least two days by default). Null when the days run out.
 */
function layOut(
  rng: Rng,
  rules: CallRules,
  days: readonly string[],
  start: number,
  steps: readonly Step[],
): PlannedCall[] | null {
  let di = start;
  let at = slot(rng, days[di]!);
  const dates: string[] = [];
  const out: PlannedCall[] = [];
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k]!;
    const [lo, hi] = SECONDS[step];
    const call: PlannedCall = { at, step, seconds: rng.int(lo, hi), bookedAt: null };
    const day = days[di]!;
    if (!attemptAllowed(rules, dates, day).ok) return null;
    out.push(call);
    dates.push(day);
    if (k === steps.length - 1) break;
    const end = at + call.seconds * 1000;
    const sameDay = dates.filter((d) => d === day).length < 2 && attemptAllowed(rules, dates, day).ok;
    let next: number | null = null;
    if (sameDay && (step === 'no_answer' || step === 'busy')) {
      const wait = step === 'no_answer' ? 4 * HOUR + rng.int(0, 50) * MIN : HOUR + rng.int(0, 60) * MIN;
      let t = end + wait;
      if (minuteOf(t) >= 12 * 60 && minuteOf(t) < 14 * 60) t = instant(day, 14 * 60 + rng.int(2, 40));
      if (dayOf(t) === day && minuteOf(t) < 17 * 60 + 35) next = t;
    } else if (sameDay && step === 'callback_requested' && minuteOf(at) < 12 * 60 && rng.chance(0.5)) {
      next = instant(day, rng.pick([15, 16, 17]) * 60 + rng.pick([0, 30]) - (rng.chance(0.3) ? 30 : 0));
    }
    if (next === null) {
      di++;
      if (di >= days.length) return null;
      next =
        step === 'callback_requested'
          ? instant(days[di]!, rng.pick([9 * 60 + 30, 10 * 60, 10 * 60 + 30, 14 * 60 + 30, 15 * 60, 16 * 60]))
          : slot(rng, days[di]!);
    }
    if (step === 'callback_requested') {
      call.bookedAt = next;
      next += rng.int(0, 4) * MIN + rng.int(0, 59) * 1000;
    }
    at = next;
  }
  return out;
}

interface PlanContext {
  seed: number;
  cal: WorkCalendar;
  first: string;
  asOf: string;
  officers: UserView[];
  manager: string | null;
  rules: CallRules;
}

/** Working days from `from` to the day before as-of (calendar days if none are working days). */
function callDays(cal: WorkCalendar, from: string, until: string): string[] {
  const all: string[] = [];
  for (let d = from; d <= until; d = addDays(d, 1)) all.push(d);
  const working = all.filter((d) => isWorkingDay(cal, d));
  return working.length ? working : all;
}

function planTask(task: HistoryTask, today: string, c: PlanContext): Plan | null {
  const rng = new Rng(taskSeed(c.seed, `${task.loanNo}|${task.type}|${task.slot}`));
  const last = addDays(c.asOf, -1);
  let from = task.windowStart > c.first ? task.windowStart : c.first;
  if (today > from) from = today;
  if (from > last) return null;
  const days = callDays(c.cal, from, last);
  const r = rng.next();
  let steps: Step[];
  let booked = false;
  if (r < 0.8) {
    const n = weighted(rng, [
      [0, 62],
      [1, 28],
      [2, 10],
    ]);
    steps = [...Array.from({ length: Math.min(n, c.rules.maxAttempts - 1) }, () => weighted(rng, FAILURES)), 'record'];
  } else if (r < 0.88) {
    steps = weighted<Step[]>(rng, [
      [['invalid_number'], 35],
      [rng.chance(0.4) ? ['no_answer', 'refused'] : ['refused'], 30],
      [
        Array.from({ length: c.rules.maxAttempts }, (_, i): Step =>
          i === 1 && rng.chance(0.3) ? 'powered_off' : 'no_answer',
        ),
        35,
      ],
    ]);
  } else {
    // Still open at as-of: booked for the coming days when the window closed lately, else a retry.
    booked = task.dueBy >= addDays(c.asOf, -14) && rng.chance(0.45);
    steps = booked
      ? ['callback_requested']
      : rng.chance(0.25)
        ? ['no_answer', rng.chance(0.5) ? 'busy' : 'powered_off']
        : [rng.chance(0.8) ? 'no_answer' : 'powered_off'];
    if (steps.length >= c.rules.maxAttempts) steps = steps.slice(0, c.rules.maxAttempts - 1);
  }
  // An outcome the settings make final ends the course there.
  const stop = steps.findIndex((s) => s !== 'record' && (c.rules.outcomes[s].final || c.rules.outcomes[s].escalate));
  if (stop >= 0) steps = steps.slice(0, stop + 1);

  const inWindow = Math.max(1, days.filter((d) => d <= task.dueBy).length);
  // Most tasks are called in the first days of their window, early enough for the retries to fit
  // in it; a few only after the window closed.
  let start = Math.min(Math.max(0, inWindow - steps.length), Math.floor(rng.next() ** 2 * inWindow));
  if (rng.chance(0.04) && days.length > inWindow)
    start = inWindow + rng.int(0, Math.min(2, days.length - inWindow - 1));

  let calls: PlannedCall[] | null = null;
  if (booked) {
    // The call a few days before as-of; the borrower asks to be called back in the coming days.
    const recent = days.filter((d) => d >= addDays(c.asOf, -8));
    const day = recent.length ? rng.pick(recent) : days[days.length - 1]!;
    const at = slot(rng, day);
    const ahead = callDays(c.cal, c.asOf, addDays(c.asOf, 6)).slice(0, 4);
    const bookedAt = instant(
      rng.pick(ahead),
      rng.pick([9 * 60 + 30, 10 * 60 + 30, 14 * 60 + 30, 15 * 60 + 30, 16 * 60]),
    );
    calls = [{ at, step: 'callback_requested', seconds: rng.int(35, 110), bookedAt }];
  } else {
    // Start earlier if the calls do not fit before as-of; drop early failures if they still do not.
    for (let s = steps; !calls && s.length > 0; s = s.slice(1))
      for (let i = Math.min(start, days.length - 1); !calls && i >= 0; i--) calls = layOut(rng, c.rules, days, i, s);
  }
  if (!calls || calls.length === 0) return null;
  // Work still open at as-of stays with 李娜 and 刘洋; 王芳 starts the demo with a clear desk.
  const stillOpen = calls[calls.length - 1]!.step !== 'record' && !endsTask(c.rules, calls);
  const others = c.officers.filter((o) => o.username !== 'officer1');
  const pool = stillOpen && others.length > 0 ? others : c.officers;
  const officer = weighted(
    rng,
    pool.map((o) => [o, OFFICER_WEIGHT[o.username] ?? 30] as const),
  );
  return { task, officer, byManager: c.manager !== null && rng.chance(0.45), calls, rng };
}

/** 王芳 makes the most calls, 刘洋 the fewest. */
const OFFICER_WEIGHT: Record<string, number> = { officer1: 40, officer2: 33, officer3: 27 };

/** Does the last call end the task (invalid number, refusal, or the last allowed attempt)? */
function endsTask(rules: CallRules, calls: readonly PlannedCall[]): boolean {
  const last = calls[calls.length - 1]!.step;
  if (last === 'record') return true;
  const rule = rules.outcomes[last];
  return rule.final || rule.escalate || calls.length >= rules.maxAttempts;
}

// ---------------------------------------------------------------------------------------------
// What the borrower says: the checklist filled the way an officer would fill it.

interface Facts {
  name: string;
  idLast4: string;
  employer: string;
  position: string;
  incomeYuan: number;
  amountWan: number;
  termYears: number;
  rate: number;
  monthlyYuan: number;
  repaymentDay: number;
  accountLast4: string;
  address: string;
  downWan: number;
  parties: Map<number, { name: string; role: string }>;
}

function factsOf(db: Db, loanId: number): Facts {
  const loan = loanView(db, { id: loanId });
  const people = partiesOf(db, loanId);
  const b = people.find((p) => p.role === 'borrower');
  return {
    name: b?.name ?? '',
    idLast4: b?.idNumber.slice(-4) ?? '',
    employer: b?.employer ?? '个体经营',
    position: b?.position ?? '负责人',
    incomeYuan: Math.round((b?.monthlyIncomeCents ?? 800_000) / 100),
    amountWan: Math.round(loan.amountCents / 1_000_000),
    termYears: Math.round(loan.termMonths / 12),
    rate: loan.annualRate,
    monthlyYuan: Math.round((loan.monthlyPaymentCents ?? 0) / 100),
    repaymentDay: loan.repaymentDay ?? 20,
    accountLast4: loan.repaymentAccount?.slice(-4) ?? '',
    address: loan.propertyAddress,
    downWan: Math.round((loan.downPaymentCents ?? 0) / 1_000_000),
    parties: new Map(people.filter((p) => p.role !== 'borrower').map((p) => [p.id, { name: p.name, role: p.role }])),
  };
}

type Said = { stated: string; note: string };
type Phrase = (f: Facts, rng: Rng, party: { name: string; role: string } | null) => Said;

const said = (stated: string, note = ''): Said => ({ stated, note });
const roleName = (role: string | undefined) => (role === 'guarantor' ? '担保人' : '共同借款人');
const wan = (n: number) => `${Math.max(1, n)}万元`;

/** What borrowers typically say, by item and script answer (`item:answer`). */
const PHRASES: Record<string, Phrase> = {
  'identity:confirmed': (f) => said(`${f.name}本人，身份证后四位${f.idLast4}`),
  'application_willingness:confirmed': () => said('本人申请并面签，由本人按月还款'),
  'application_willingness:signed_by_other': (_f, rng) =>
    said(rng.pick(['合同由其弟弟代为签字', '面签时由配偶代签']), '借款人称合同非本人签字，需调阅面签录像核实'),
  'application_willingness:repaid_by_other': () =>
    said('称月供由朋友负责偿还', '实际还款人并非借款人，疑似借名贷款，提交复核'),
  'employer:match': (f) => said(`${f.employer}，${f.position}`),
  'employer:mismatch': (f, rng) =>
    rng.chance(0.5)
      ? said(`已于今年初从${f.employer}离职，现自由职业`, '工作单位与申请材料不符，需核实收入证明真实性')
      : said('在亲戚开的公司挂名，未实际上班', '所述任职情况与单位证明不符，疑似包装工作证明'),
  'employer:declined': () => said('不愿透露', '借款人以隐私为由不愿说明工作单位和职务'),
  'employer:changed': () => said('已换到新单位', '工作变动，需更新档案并评估收入'),
  'employer:unemployed': () => said('目前待业', '借款人失业，还款能力存疑'),
  'income:match': (f, rng) =>
    said(
      `月收入约${Math.round(f.incomeYuan / 100) * 100}元${rng.chance(0.7) ? '，无其他负债' : '，另有信用卡正常使用'}`,
    ),
  'income:income_lower': (f) =>
    said(
      `月收入约${Math.round((f.incomeYuan * 0.55) / 100) * 100}元`,
      '自述收入明显低于申请材料所载，疑似收入证明包装',
    ),
  'income:undeclared_debt': (_f, rng) =>
    said(`另有消费贷约${rng.int(8, 40)}万元`, '存在申请时未申报的负债，需重新评估还款能力'),
  'income:declined': () => said('不愿透露', '借款人拒绝说明收入情况'),
  'property:match': (f) => said(f.address.replace(/^浙江省杭州市/, '')),
  'property:mismatch': () => said('所述楼栋号与合同不一致', '借款人所述房产坐落与购房合同不符，需核对不动产登记'),
  'property:unclear': () => said('记不清具体门牌号', '借款人记不清房产门牌号，建议面谈核实'),
  'property:owner_occupied': () => said('本人自住'),
  'property:family': () => said('父母居住'),
  'property:vacant': () => said('装修中，暂未入住'),
  'property:let': (_f, rng) => said(`已出租，月租金约${rng.int(30, 65) * 100}元`, '抵押房产出租未告知银行，需评估影响'),
  'property:sold': () => said('称已与买家签订转让协议', '抵押物有擅自处置风险，立即上报网点负责人'),
  'loan_terms:match': (f) =>
    said(
      `${wan(f.amountWan)}，${f.termYears}年，年利率${f.rate}%，月供约${f.monthlyYuan}元，每月${f.repaymentDay}日扣款`,
    ),
  'loan_terms:unclear': () => said('不清楚利率和月供金额', '借款人对贷款要素不了解，已逐项告知'),
  'loan_terms:differs': (f) =>
    said(`以为贷款金额为${wan(f.amountWan - 10)}`, '借款人所述贷款金额与合同不符，已解释并提示核对合同'),
  'down_payment:savings': (f) => said(`首付${wan(f.downWan)}，来自本人积蓄`),
  'down_payment:family': (f, rng) => said(`首付${wan(f.downWan)}，${rng.pick(['父母资助', '本人积蓄加父母资助'])}`),
  'down_payment:borrowed': (f, rng) =>
    said(
      `首付中约${wan(Math.max(5, Math.round(f.downWan * 0.4)))}来自${rng.pick(['消费贷', '网贷平台借款', '朋友借款'])}`,
      '首付款部分为借款（首付贷），需核查首付资金流水',
    ),
  'down_payment:not_paid': (_f, rng) =>
    said(`首付尚有约${rng.int(5, 20)}万元未付清`, '首付款未足额支付，与放款条件不符，提交复核'),
  'down_payment:declined': () => said('不愿说明', '借款人不愿说明首付来源'),
  'intermediary:self': () => said('本人自行办理，未经中介'),
  'intermediary:purchase_only': () => said('仅通过中介买房，贷款本人办理，未另付费用'),
  'intermediary:agent_arranged': (_f, rng) =>
    said(`贷款由中介代办，另付服务费约${rng.int(1, 5)}万元`, '中介代办贷款并收费，疑似包装申请材料，提交复核'),
  'intermediary:declined': () => said('不愿回答', '借款人回避中介参与问题'),
  'co_borrower:aware': (_f, _r, p) => said(`${p?.name ?? ''}知情并同意`),
  'co_borrower:unaware': (_f, _r, p) =>
    said(`称${p?.name ?? ''}不知道此笔贷款`, `${roleName(p?.role)}${p?.name ?? ''}不知情，疑似冒名，需当面核实`),
  'co_borrower:unsure': (_f, _r, p) => said('不确定其是否知情', `建议直接联系${roleName(p?.role)}${p?.name ?? ''}核实`),
  'repayment_account:known': (f) => said(`尾号${f.accountLast4}，知道自动扣款`),
  'repayment_account:unknown': (f) => said('不清楚还款账户', `已告知还款账户尾号${f.accountLast4}及扣款日`),
  'repayment_account:funded': (f) => said(`尾号${f.accountLast4}，余额充足`),
  'repayment_account:will_fund': (f) => said(`扣款日前存入尾号${f.accountLast4}账户`),
  'repayment_account:short': () => said('账户余额不足一期月供', '已提醒扣款日前存足，列入关注'),
  'repayment_account:cannot_pay': () => said('本月无法按时还款', '借款人资金紧张，可能逾期，转贷后管理跟进'),
  'repayment_account:account_unknown': (f) => said('不清楚扣款账户', `已告知还款账户尾号${f.accountLast4}，提醒存足`),
  'repayment_account:able': () => said('能够正常还款'),
  'repayment_account:difficulty': () => said('还款有一定困难', '借款人称近期还款吃力，需关注'),
  'repayment_account:overdue': () => said('上月已逾期', '借款人已发生逾期，转贷后管理'),
  'repayment_account:declined': () => said('不愿回答', '借款人回避还款能力问题'),
  'use_of_funds:property_only': () => said('贷款全部用于支付本套房款'),
  'use_of_funds:other_use': () => said('部分资金用于生意周转', '贷款资金疑似挪用，需核查受托支付流向'),
  'use_of_funds:unclear': () => said('说不清资金去向', '借款人说不清资金用途，建议核查流水'),
  'changes:no_change': () => said('工作、收入、婚姻、住址均无变化'),
  'changes:stable': () => said('收入稳定，无变化'),
  'changes:changed': (_f, rng) =>
    said(rng.pick(['已更换工作单位，收入下降', '近期离婚，正在分割财产']), '借款人情况发生变化，需更新档案并关注还款'),
  'changes:let_or_sold': () => said('房屋已出租', '抵押房产已出租，需核实是否影响抵押权'),
  'changes:hardship': () => said('近期生意不好，还款有压力', '借款人经营困难，需关注逾期风险'),
  'changes:other_change': () => said('家中有人生病，开支增加', '家庭支出增加，需关注还款能力'),
  'changes:declined': () => said('不愿回答', '借款人不愿说明近况'),
  'satisfaction:score_5': (_f, rng) => said(`5分：${rng.pick(['办理顺利，讲解清楚', '放款快，服务好', '很满意'])}`),
  'satisfaction:score_4': (_f, rng) => said(`4分：${rng.pick(['整体满意，等放款时间稍长', '材料多了点，其他都好'])}`),
  'satisfaction:score_3': () => said('3分：材料要求多，跑了两趟'),
  'satisfaction:score_2': () => said('2分：审批进度没人主动告知'),
  'satisfaction:score_1': () => said('1分：对利率调整不满意'),
  'satisfaction:declined': () => said('不愿评分'),
};

const GENERIC: Record<ItemResult, Said> = {
  match: said('与档案一致'),
  mismatch: said('与档案不一致', '借款人陈述与档案不符，提交复核'),
  unverifiable: said('未能核实', '借款人不愿回答'),
};

/** How often a record has one or two lines that differ from the file (about 10 % overall). */
const DISCREPANCY: Record<TaskType, number> = {
  post_approval: 0.2,
  post_disbursement: 0.1,
  repayment_reminder: 0.07,
  collateral_revaluation: 0.12,
  event: 0.15,
  satisfaction: 0,
};

/** How often an item is the one that does not match (down payments and intermediaries lead). */
const MISMATCH_WEIGHT: Partial<Record<ItemKey, number>> = {
  down_payment: 3,
  intermediary: 3,
  income: 3,
  changes: 3,
  employer: 2,
  co_borrower: 2,
  repayment_account: 2,
  use_of_funds: 1.5,
  loan_terms: 1.5,
  property: 1,
  application_willingness: 1,
};
const OPTION_WEIGHT: Record<string, number> = {
  borrowed: 3,
  agent_arranged: 3,
  score_5: 50,
  score_4: 30,
  score_3: 12,
  score_2: 3,
  score_1: 2,
  declined: 0.5,
};

/** The ask step (first instance) of each checklist line, with the step instance id. */
function askOf(script: Script, parties: readonly ScriptParty[], line: ChecklistItem): AskStep | null {
  for (const st of script.steps) {
    if (st.kind !== 'ask' || st.item !== line.item) continue;
    if (expandStep(script, st.id, parties).some((i) => checklistKey(st.item, i.partyId) === line.key)) return st;
  }
  return null;
}

/** Options of a choice step that keep the call going toward a record (not an end without one). */
function onward(script: Script, st: AskStep) {
  if (st.input.type !== 'choice') return [];
  return st.input.options.filter((o) => {
    const to = script.steps.find((s) => s.id === (o.next ?? st.next));
    return to !== undefined && (to.kind !== 'end' || to.outcome === 'completed');
  });
}

/** The script cannot be walked to a finished record the way the demo fills calls. */
class WalkError extends Error {}

interface CallTexts {
  answers: DraftState['answers'];
  items: DraftState['items'];
  history: string[];
  reads: DraftState['reads'];
  stepId: string;
  discrepancy: boolean;
}

/**
 * The finished call: an answer for every question on the way through the script, every checklist
 * line with result, stated value and note, and every read-aloud step ticked at its moment.
 */
function fillCall(
  type: TaskType,
  script: Script,
  parties: readonly ScriptParty[],
  facts: Facts,
  rng: Rng,
  start: number,
  end: number,
  callDay: string,
): CallTexts {
  const checklist = checklistOf(script, parties);
  // Which lines differ from the file: one or two in about one record in ten.
  const wish = new Map<string, ItemResult>();
  const choices = (line: ChecklistItem, result: ItemResult) => {
    const st = askOf(script, parties, line);
    return st ? onward(script, st).filter((o) => o.result === result) : [];
  };
  if (rng.chance(DISCREPANCY[type])) {
    const candidates = checklist.filter(
      (l) => ITEMS[l.item].kind === 'verify' && l.item !== 'identity' && choices(l, 'mismatch').length > 0,
    );
    const n = Math.min(candidates.length, rng.chance(0.7) ? 1 : 2);
    for (let k = 0; k < n; k++) {
      const rest = candidates.filter((l) => !wish.has(l.key));
      wish.set(
        weighted(
          rng,
          rest.map((l) => [l, MISMATCH_WEIGHT[l.item] ?? 1] as const),
        ).key,
        'mismatch',
      );
    }
  }
  if (rng.chance(0.12)) {
    const candidates = checklist.filter((l) => !wish.has(l.key) && choices(l, 'unverifiable').length > 0);
    if (candidates.length) wish.set(rng.pick(candidates).key, 'unverifiable');
  }

  const answers: DraftState['answers'] = {};
  const items: DraftState['items'] = {};
  const reads: DraftState['reads'] = {};
  const history: string[] = [];
  const mustRead = script.steps.filter((s) => s.kind === 'say' && s.mustRead).length;
  let readNo = 0;
  const span = end - start;
  let inst: StepInstance | null = expandStep(script, script.start, parties)[0] ?? null;
  let stepId: string | null = null;
  for (let guard = 0; inst && guard < 500; guard++) {
    const st = inst.step;
    if (st.kind === 'end') {
      if (st.outcome !== 'completed') throw new WalkError(`demo history: ${script.key} walk ended at ${st.id}`);
      stepId = inst.id;
      break;
    }
    if (st.kind === 'say' && st.mustRead) {
      // Greeting and recording notice at the start, the fraud notice near the end.
      const share = readNo < 2 ? 0.02 + readNo * 0.03 : 0.85 + (0.1 * (readNo - 2)) / Math.max(1, mustRead - 2);
      reads[st.id] = new Date(start + Math.round(span * share)).toISOString();
      readNo++;
    }
    let answer: string | number | undefined;
    if (st.kind === 'ask') {
      const key = checklistKey(st.item, inst.partyId);
      const party = inst.partyId === null ? null : (facts.parties.get(inst.partyId) ?? null);
      const kind = ITEMS[st.item].kind;
      const wanted = wish.get(key) ?? 'match';
      if (st.input.type === 'choice') {
        const options = onward(script, st);
        const fitting = options.filter((o) => kind === 'record' || o.result === wanted);
        const pool = fitting.length ? fitting : options.filter((o) => o.result === 'match');
        const opt = weighted(
          rng,
          (pool.length ? pool : options).map((o) => [o, OPTION_WEIGHT[o.value] ?? 1] as const),
        );
        answer = opt.value;
        if (!items[key]) {
          const result = kind === 'record' ? null : (opt.result ?? 'match');
          const text = PHRASES[`${st.item}:${opt.value}`]?.(facts, rng, party) ?? GENERIC[result ?? 'match'];
          items[key] = { result, stated: text.stated, note: result === 'match' || result === null ? '' : text.note };
        }
      } else if (st.input.type === 'number') {
        answer = st.item === 'income' ? Math.round(facts.incomeYuan / 100) * 100 : rng.int(1, 10);
        items[key] ??= { result: 'match', stated: `${answer}`, note: '' };
      } else if (st.input.type === 'date') {
        answer = addDays(callDay, rng.int(1, 3));
        const had = items[key];
        items[key] = had
          ? { ...had, stated: `${had.stated}（${answer}前）` }
          : { result: 'match', stated: answer, note: '' };
      } else {
        answer = '已说明';
        items[key] ??= { result: 'match', stated: answer, note: '' };
      }
      answers[inst.id] = answer;
    }
    history.push(inst.id);
    inst = nextInstance(script, parties, inst, answer);
  }
  if (stepId === null) throw new WalkError(`demo history: ${script.key} walk did not reach an end step`);
  for (const line of checklist)
    if (!items[line.key]) throw new WalkError(`demo history: ${script.key} walk missed ${line.key}`);
  return {
    answers,
    items,
    history,
    reads,
    stepId,
    discrepancy: checklist.some((l) => items[l.key]!.result === 'mismatch'),
  };
}

const ATTEMPT_NOTES: Partial<Record<Step, readonly string[]>> = {
  no_answer: ['响铃无人接听', '无人接听', ''],
  busy: ['占线', '忙音'],
  powered_off: ['提示已关机', '提示暂时无法接通'],
  wrong_person: ['其配偶接听，称借款人外出，未透露贷款信息', '家人接听，未透露贷款信息，约明天再打'],
  callback_requested: ['借款人正在开会，约定时间回电', '借款人在开车，要求稍后回电', '借款人在外地出差，约定回电'],
  invalid_number: ['提示空号', '号码已停机，核心系统预留号码需更新'],
  refused: ['借款人称按时还款即可，拒绝配合回访', '借款人怀疑诈骗电话，拒绝核实身份，建议网点面谈'],
};
const RECORD_NOTES = ['已如实记录，提交网点负责人复核', '客户对不一致事项作了解释，仍需核实', '已告知银行将进一步核实'];

// ---------------------------------------------------------------------------------------------

/** One call as the call screen makes it: start, then either an attempt outcome or a finalized record. */
function makeCall(db: Db, plan: Plan, call: PlannedCall, scripts: Map<number, Script>): void {
  const { task, officer, rng } = plan;
  const started = new Date(call.at);
  const ended = new Date(call.at + call.seconds * 1000);
  const draft = startCall(db, task.id, officer, started);
  if (call.step !== 'record') {
    const note = rng.pick(ATTEMPT_NOTES[call.step] ?? ['']);
    const bookedAt = call.bookedAt === null ? null : new Date(call.bookedAt).toISOString();
    recordAttempt(db, task.id, officer, { outcome: call.step, note, bookedAt }, ended);
    return;
  }
  let script = scripts.get(draft.scriptId);
  if (!script) scripts.set(draft.scriptId, (script = scriptById(db, draft.scriptId).script));
  const parties = scriptParties(db, task.loanId);
  const facts = factsOf(db, task.loanId);
  const texts = fillCall(task.type, script, parties, facts, rng, call.at, ended.getTime(), dayOf(call.at));
  const state = draftStateSchema.parse({
    stepId: texts.stepId,
    history: texts.history,
    answers: texts.answers,
    reads: texts.reads,
    items: texts.items,
    outcome: texts.discrepancy ? 'completed_with_discrepancy' : 'completed',
    bookedAt: null,
    note: texts.discrepancy ? rng.pick(RECORD_NOTES) : rng.chance(0.1) ? '客户配合良好' : '',
  } satisfies DraftState);
  saveDraft(db, task.id, officer, state, new Date(ended.getTime() - rng.int(5, 30) * 1000));
  finalizeRecord(db, task.id, officer, state, ended);
}

function officersOf(db: Db): { officers: UserView[]; manager: string | null } {
  const find = stmt<[string], Parameters<typeof toUserView>[0]>(
    db,
    "SELECT * FROM users WHERE username = ? AND active = 1 AND role = 'officer'",
  );
  const officers = ['officer1', 'officer2', 'officer3']
    .map((u) => find.get(u))
    .filter((u) => u !== undefined)
    .map(toUserView);
  const manager = stmt<[], { username: string }>(
    db,
    "SELECT username FROM users WHERE username = 'manager1' AND active = 1 AND role IN ('manager', 'admin')",
  ).get();
  return { officers, manager: manager?.username ?? null };
}

function counts(db: Db): Omit<HistoryResult, 'skipped'> {
  const n = (sql: string) => stmt<[], { n: number }>(db, sql).get()!.n;
  return {
    attempts: n('SELECT count(*) AS n FROM attempts'),
    records: n('SELECT count(*) AS n FROM records'),
    escalated: n("SELECT count(*) AS n FROM tasks WHERE status = 'escalated'"),
    flags: n('SELECT count(*) AS n FROM flags'),
  };
}

/** Replay the eight weeks before `asOf` (see the top of this file). One transaction. */
export function demoHistory(db: Db, opts: { seed: number; asOf: string }, now: Date): HistoryResult {
  const before = counts(db);
  const { officers, manager } = officersOf(db);
  const first = addDays(opts.asOf, -HISTORY_DAYS);
  const last = addDays(opts.asOf, -1);
  const skipped = new Set<number>();
  db.transaction(() => {
    if (officers.length > 0) {
      seedCalendar(db, now);
      const c: PlanContext = {
        seed: opts.seed,
        cal: loadCalendar(db),
        first,
        asOf: opts.asOf,
        officers,
        manager,
        rules: getSetting(db, 'callRules'),
      };
      const rules = getSetting(db, 'taskRules');
      const fresh = stmt<[string, string], HistoryTask>(
        db,
        `SELECT t.id, t.loan_id AS loanId, l.loan_no AS loanNo, t.type, t.slot, t.window_start AS windowStart,
                t.due_by AS dueBy
           FROM tasks t JOIN loans l ON l.id = t.loan_id
          WHERE t.status = 'open' AND t.attempts = 0 AND t.assignee_id IS NULL AND t.due_by >= ? AND t.due_by < ?
            AND NOT EXISTS (SELECT 1 FROM drafts d WHERE d.task_id = t.id)
          ORDER BY t.id`,
      );
      const seen = new Set<number>();
      const calls = new Map<string, { plan: Plan; call: PlannedCall }[]>();
      const handouts = new Map<string, Plan[]>();
      const scripts = new Map<number, Script>();
      for (let day = first; day <= last; day = addDays(day, 1)) {
        // Monday morning's refresh of the task list (reaching back to `first`): the horizon is
        // weeks, so weekly is enough for every window, and it keeps 500 loans fast.
        const refresh = day === first || toDate(day).getUTCDay() === 1;
        if (refresh)
          generateTasks(db, {
            asOf: day,
            now: new Date(instant(day, 8 * 60 + 30)),
            actor: 'system',
            rules: { ...rules, backfillDays: Math.max(0, daysBetween(first, day)) },
          });
        for (const task of refresh ? fresh.all(first, opts.asOf) : []) {
          if (seen.has(task.id)) continue;
          seen.add(task.id);
          const plan = planTask(task, day, c);
          if (!plan) continue;
          for (const call of plan.calls) {
            const d = dayOf(call.at);
            if (!calls.has(d)) calls.set(d, []);
            calls.get(d)!.push({ plan, call });
          }
          if (plan.byManager) {
            const d = dayOf(plan.calls[0]!.at);
            if (!handouts.has(d)) handouts.set(d, []);
            handouts.get(d)!.push(plan);
          }
        }
        // 08:50: the manager hands out part of the day's work, officer by officer.
        const given = handouts.get(day) ?? [];
        officers.forEach((o, i) => {
          const ids = given.filter((p) => p.officer.id === o.id).map((p) => p.task.id);
          if (ids.length && manager) assignTasks(db, ids, o.username, manager, new Date(instant(day, 8 * 60 + 50 + i)));
        });
        const today = (calls.get(day) ?? []).sort((a, b) => a.call.at - b.call.at || a.plan.task.id - b.plan.task.id);
        for (const { plan, call } of today) {
          if (skipped.has(plan.task.id)) continue;
          try {
            makeCall(db, plan, call, scripts);
          } catch (e) {
            // Settings changed from the defaults (attempt limits, outcome rules, a custom script)
            // can refuse a planned call: the task keeps what was done so far.
            if (!(e instanceof AppError) && !(e instanceof WalkError)) throw e;
            skipped.add(plan.task.id);
            if (draftOf(db, plan.task.id)) discardDraft(db, plan.task.id, plan.officer, new Date(call.at));
          }
        }
      }
    }
    // Today's list, as the app would show it on as-of.
    generateTasks(db, { asOf: opts.asOf, now, actor: 'system' });
  })();
  const after = counts(db);
  return {
    attempts: after.attempts - before.attempts,
    records: after.records - before.records,
    escalated: after.escalated - before.escalated,
    flags: after.flags - before.flags,
    skipped: skipped.size,
  };
}
