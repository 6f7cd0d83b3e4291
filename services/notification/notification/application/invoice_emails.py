"""E-mails to the person who sent an invoice, at each decision of the office: accepted,
correction requested, refused. They name the invoice (reference, form) and never its content:
no health data leaves by e-mail."""

from contracts.invoicing import InvoiceAccepted, InvoiceCorrectionRequested, InvoiceRefused
from kernel.uow import UnitOfWork
from notification.application.courier import Courier, Secrets
from notification.domain.delivery import Dispatch
from notification.domain.forms import form_title
from notification.domain.messages import Template

Decision = InvoiceAccepted | InvoiceCorrectionRequested | InvoiceRefused


async def _email_submitter(
    event: Decision, template: Template, courier: Courier, **extra: object
) -> None:
    submitter = event.submitter

    def context(secrets: Secrets) -> dict[str, object]:
        return {
            "first_name": submitter.first_name,
            "last_name": submitter.last_name,
            "reference": event.reference,
            "form": event.form,
            "form_title": form_title(event.form, submitter.language),
            "decided_at": event.decided_at,
            **extra,
        }

    await courier.deliver(
        Dispatch(
            event_id=event.event_id,
            event_type=event.TYPE,
            template=template,
            language=submitter.language,
            recipient=str(submitter.email),
            recipient_name=f"{submitter.first_name} {submitter.last_name}",
        ),
        context,
    )


async def when_invoice_accepted_send_email(
    uow: UnitOfWork, event: InvoiceAccepted, *, courier: Courier
) -> None:
    """Payment follows through the Centrale de compensation."""
    await _email_submitter(event, Template.INVOICE_ACCEPTED, courier)


async def when_invoice_correction_requested_send_email(
    uow: UnitOfWork, event: InvoiceCorrectionRequested, *, courier: Courier
) -> None:
    """The office's message and the link straight to the form."""
    await _email_submitter(
        event,
        Template.INVOICE_CORRECTION_REQUESTED,
        courier,
        message=event.message,
        invoice_url=courier.links.invoice(event.invoice_id),
    )


async def when_invoice_refused_send_email(
    uow: UnitOfWork, event: InvoiceRefused, *, courier: Courier
) -> None:
    """The office's reason; the PDF copy stays on the counter."""
    await _email_submitter(
        event,
        Template.INVOICE_REFUSED,
        courier,
        reason=event.reason,
        invoice_url=courier.links.invoice(event.invoice_id),
    )
