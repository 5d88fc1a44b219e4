"""Signing in and out. No self-registration: an administrator creates accounts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login

from righthelp.accounts import password_reset as reset
from righthelp.accounts import two_factor
from righthelp.accounts.forms import (
    CodeForm,
    NewPasswordForm,
    OwnPasswordForm,
    ResetRequestForm,
    SignInForm,
)
from righthelp.accounts.middleware import two_factor_exempt, user_has_device
from righthelp.accounts.requests import user_of
from righthelp.accounts.services import password_changed, record_sign_out
from righthelp.accounts.throttle import now


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    # The sign-in itself is audited, for every door, by ``accounts.signals``.


@method_decorator(two_factor_exempt, name="dispatch")
class SignOutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        record_sign_out(user=request.user)  # type: ignore[arg-type]
        return super().post(request, *args, **kwargs)


@login_not_required
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")


@two_factor_exempt
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user_has_device(user):
        return redirect("accounts:two-factor")
    device = two_factor.device_being_set_up(user)  # type: ignore[arg-type]
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.confirm_device(user=user, device=device, token=form.cleaned_data["code"]):  # type: ignore[arg-type]
            otp_login(request, device)
            request.session.cycle_key()  # a new session id once the second factor is passed
            return redirect(_next_page(request))
        form.add_error("code", WRONG_CODE)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr": two_factor.qr_code_svg(device),
            "secret": two_factor.secret_for_typing(device),
            "next": _next_page(request),
        },
    )


@two_factor_exempt
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user_has_device(user):
        return redirect("accounts:two-factor-setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(user=user, token=form.cleaned_data["code"])  # type: ignore[arg-type]
        if device is not None:
            otp_login(request, device)
            request.session.cycle_key()  # a new session id once the second factor is passed
            return redirect(_next_page(request))
        form.add_error("code", WRONG_CODE)
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_page(request)}
    )


WRONG_CODE = "That code is not right, or has expired: enter the code your app shows now"


def _next_page(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def password_change(request: HttpRequest) -> HttpResponse:
    """A person changes their own password (a forgotten one is reset by email: below)."""
    user = user_of(request)
    form = OwnPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, user)  # stays signed in here, out everywhere else
        password_changed(user=user)
        from righthelp.accounts.tasks import send_password_changed

        send_password_changed.enqueue(user.pk, "own")
        messages.success(request, "Your password is changed.")
        return redirect("families:home")
    return render(request, "accounts/password_change.html", {"form": form})


@login_not_required
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a link to choose a new password. The answer is the same page whatever was
    typed; with no email configured, the page says to ask the administrator."""
    if not reset.email_enabled():
        return render(request, "accounts/password_reset_no_email.html")
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        until = reset.password_reset_request(request=request, email=form.cleaned_data["email"])
        if until:
            import math

            seconds = max(1, math.ceil(until - now()))
            response = render(
                request,
                "accounts/password_reset_delayed.html",
                {"minutes": math.ceil(seconds / 60)},
                status=429,
            )
            response["Retry-After"] = str(seconds)
            return response
        return redirect("accounts:password-reset-sent")
    return render(request, "accounts/password_reset.html", {"form": form})


@login_not_required
def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/password_reset_sent.html", {"minutes": reset.lifetime_minutes()}
    )


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link from the email: Django checks the token (this account's, unused, not
    expired) and moves it out of the address into the session before the form is shown.
    The new password signs no one in: the person signs in, with their second factor."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    post_reset_login = False
    success_url = reverse_lazy("accounts:password-reset-done")

    def dispatch(self, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = super().dispatch(*args, **kwargs)
        if not self.validlink and response.status_code == 200:  # not the token's redirect
            reset.reset_link_refused(user=self.user)
        return response

    def form_valid(self, form: NewPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        reset.password_reset_complete(user=form.user)
        return response


@login_not_required
def password_reset_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_done.html")
