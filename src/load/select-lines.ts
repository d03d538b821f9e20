// Choosing lines with a selector (refs, type, nature, category, service area, status, RAG, stage): used by
// variants (`scale`) and by assumption ranges. Pure.

import { statusOf, type Classifications } from '../model/classification.js';
import type { BudgetLine, LineSelector } from '../model/scenario.js';

/** True when `line` meets every condition of the selector; reconciling lines only when named by ref. */
export function selects(sel: LineSelector, line: BudgetLine, classes?: Classifications): boolean {
  if (sel.refs ? !sel.refs.includes(line.ref) : line.reconciling) return false;
  if (sel.type && sel.type !== line.type) return false;
  if (sel.nature && !line.nature.includes(sel.nature)) return false;
  if (sel.category && sel.category !== line.category) return false;
  if (sel.service_area && sel.service_area !== line.serviceArea) return false;
  if (sel.status && (line.status === undefined || statusOf(classes, sel.status) !== line.status)) return false;
  if (sel.rag && sel.rag !== line.rag) return false;
  if (sel.stage && sel.stage !== (line.stage ?? 'identified')) return false;
  return true;
}
