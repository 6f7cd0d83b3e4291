"""The public JWKS other services and the gateway verify tokens with."""

from typing import Any

from fastapi import APIRouter, Response

from identity.adapters.signing import SigningKey


def keys_router(signing_key: SigningKey) -> APIRouter:
    router = APIRouter(tags=["keys"])

    @router.get("/api/identity/.well-known/jwks.json")
    async def jwks(response: Response) -> dict[str, Any]:
        response.headers["Cache-Control"] = "public, max-age=300"
        return signing_key.jwks()

    return router
