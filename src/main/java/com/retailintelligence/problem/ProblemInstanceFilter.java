package com.retailintelligence.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Fills in a problem's {@code instance} with the request path, so mappers need not know the request. */
public class ProblemInstanceFilter {

    @ServerResponseFilter
    public void addInstance(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem && problem.instance() == null) {
            response.setEntity(new Problem(problem.type(), problem.title(), problem.status(), problem.detail(),
                    request.getUriInfo().getPath(), problem.errors()), null, response.getMediaType());
        }
    }
}
