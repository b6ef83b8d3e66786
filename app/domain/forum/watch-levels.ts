// How closely someone follows a topic, category or tag, as Discourse counts it.
export const NotificationLevel = { muted: 0, normal: 1, tracking: 2, watching: 3 } as const;

export const LEVEL_LABELS: Record<number, string> = {
  [NotificationLevel.watching]: "Surveiller",
  [NotificationLevel.tracking]: "Suivre",
  [NotificationLevel.normal]: "Normal",
  [NotificationLevel.muted]: "Ignorer",
};
