"""Signing in and out. No self-registration: an administrator creates accounts."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login

from righthelp.accounts import two_factor
from righthelp.accounts.forms import CodeForm, OwnPasswordForm, SignInForm
from righthelp.accounts.middleware import two_factor_exempt, user_has_device
from righthelp.accounts.requests import user_of
from righthelp.accounts.services import password_changed, record_sign_out


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
    """A person changes their own password. (Resetting a forgotten one by email comes when
    Right Help sends email; until then an administrator sets a new one in /admin/.)"""
    user = user_of(request)
    form = OwnPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, user)  # stays signed in here, out everywhere else
        password_changed(user=user)
        messages.success(request, "Your password is changed.")
        return redirect("families:home")
    return render(request, "accounts/password_change.html", {"form": form})
