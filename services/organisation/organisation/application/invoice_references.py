"""An invoice sent to a company bank account marks that account referenced: from then on a
removal archives it instead of erasing it. Runs in the consumer's transaction (its inbox row
makes a replay a no-op); the event's ``institution_id`` scopes the write."""

import logging

from contracts.invoicing import InvoiceSubmitted
from organisation.application.ports import BankAccounts

log = logging.getLogger(__name__)


async def when_invoice_submitted_reference_bank_account(
    event: InvoiceSubmitted, bank_accounts: BankAccounts
) -> None:
    if event.bank_account_id is None:
        return  # paid to the beneficiary's own account
    if not await bank_accounts.mark_referenced(event.institution_id, event.bank_account_id):
        # Invoicing read it in this institution at sending; erased since (or never ours).
        log.warning(
            "invoice %s names bank account %s, unknown in institution %s: ignored",
            event.reference,
            event.bank_account_id,
            event.institution_id,
        )
