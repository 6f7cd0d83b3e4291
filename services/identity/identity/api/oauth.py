"""Public: the OAuth2 token endpoint for office systems (client credentials, HTTP Basic)."""

from fastapi import APIRouter, Request, Response

from identity.api.dependencies import WiringDep

router = APIRouter(tags=["oauth"])


@router.post(
    "/api/identity/oauth/token",
    responses={
        200: {"description": "RS256 access token, iss=guichet-office, aud=guichet-internal"},
        400: {"description": "RFC 6749 error (invalid_scope, unsupported_grant_type, ...)"},
        401: {"description": "invalid_client"},
    },
)
async def token(request: Request, wiring: WiringDep) -> Response:
    return await wiring.oauth.token_response(request)
