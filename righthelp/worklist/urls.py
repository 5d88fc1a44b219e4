from django.urls import path

from righthelp.worklist import views

app_name = "worklist"

urlpatterns = [
    path("", views.your_work, name="your-work"),
]
