from django.urls import path

from righthelp.reminders import views as reminder_views
from righthelp.worklist import views

app_name = "worklist"

urlpatterns = [
    path("", views.your_work, name="your-work"),
    path("reminders/", reminder_views.choice, name="reminders"),
]
