// 客服端服务级别（SLA）相关文案：队列到期列、工单面板、管理页、报表。由 useSlaI18n 合并到 `sla` 下。
// 键集合须与 en.ts 一致（messages.test.ts 检查）。
export default {
  state: {
    ok: '正常',
    warning: '即将超时',
    breached: '已超时',
    paused: '已暂停',
    running: '计时中',
    met: '已达成',
  },
  kind: {
    first_response: '首次响应',
    next_response: '后续响应',
    resolution: '解决',
  },
  rel: {
    now: '即将到期',
    in: { min: '{n} 分钟后', h: '{n} 小时后', d: '{n} 天后' },
    over: { min: '超时 {n} 分钟', h: '超时 {n} 小时', d: '超时 {n} 天' },
  },
  unit: { min: '{n} 分钟', h: '{n} 小时', d: '{n} 天' },
  due: {
    none: '无目标',
    paused: '已暂停',
    at: '截止 {time}',
    title: '{state}：截止 {time}',
  },
  panel: {
    title: '服务级别',
    policy: '策略：{name}',
    noPolicy: '此工单不适用任何服务级别策略。',
    cycle: '第 {n} 次回复',
    dueAt: '截止 {time}',
    finishedAt: '完成于 {time}',
    breachedAt: '应于 {time} 前完成',
    pausedHint: '工单等待用户回复或已解决时，计时暂停。',
    none: '没有目标。',
  },
}
