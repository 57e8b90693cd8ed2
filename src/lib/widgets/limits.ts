/**
 * Size limits shared by every widget's URL schema. They keep a phone responsive: a
 * 10,000-unit layer is refused with a message instead of freezing the tab.
 */
export const MAX_HIDDEN = 1024;
export const MAX_INPUT = 4096;
