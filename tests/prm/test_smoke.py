def test_home_renders_dashboard_for_manager(client_for, manager, partner):
    response = client_for(manager).get("/")
    assert response.status_code == 200
    assert b"Dashboard" in response.content
