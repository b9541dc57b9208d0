"""The password reset form sends its email from the worker, never inside the request."""

import logging

from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from prm.lib.jobs import enqueue
from prm.tasks import send_email

logger = logging.getLogger(__name__)


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form whose email goes through the `prm.send_email` task (retried with
    backoff while the mail server fails). With the job queue down it sends at once; a mail
    server that fails then too is logged, and the page still answers as for any address."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        html = (
            loader.render_to_string(html_email_template_name, context)
            if html_email_template_name
            else None
        )
        if enqueue(send_email, subject, body, [to_email], html):
            return
        try:
            send_email.run(subject, body, [to_email], html)
        except OSError as error:  # SMTPException is an OSError
            logger.error("Password reset email to %s not sent: %s", to_email, error)
