import { createContext, useContext } from 'react';
import type { Agreement } from '../api/board-api';
import type { BundleVerificationHandle } from '../hooks/useBundleVerification';

export interface BoardAgreement {
  agreement: Agreement;
  /** The signed-in board member's organization (both parties are named by the agreement's names for them). */
  ownOrgId: string;
  verification: BundleVerificationHandle;
}

export const BoardAgreementContext = createContext<BoardAgreement | null>(null);

/** The agreement the board's pages are about (set by BoardAgreementLayout). */
export function useBoardAgreement(): BoardAgreement {
  const value = useContext(BoardAgreementContext);
  if (value === null) throw new Error('useBoardAgreement outside BoardAgreementLayout');
  return value;
}
