package io.outdial.admin.web;

import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;

/** Installs {@link AdminExceptionHandler} (registered in {@code META-INF/faces-config.xml}). */
public class AdminExceptionHandlerFactory extends ExceptionHandlerFactory {
  public AdminExceptionHandlerFactory(ExceptionHandlerFactory wrapped) {
    super(wrapped);
  }

  @Override
  public ExceptionHandler getExceptionHandler() {
    return new AdminExceptionHandler(getWrapped().getExceptionHandler());
  }
}
