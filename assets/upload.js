/* Upload for the /data page: the browser posts the file itself (with a progress bar),
   then hands the upload id to Dash. Works for large files without freezing the page. */
(function () {
  function send(file) {
    var bar = document.getElementById("data-upload-progress");
    var form = new FormData();
    form.append("file", file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/uploads");
    xhr.upload.onprogress = function (e) {
      if (bar && e.lengthComputable) {
        var pct = Math.round((e.loaded / e.total) * 100);
        bar.style.width = pct + "%";
        bar.textContent = pct + " %";
      }
    };
    xhr.onload = function () {
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (err) { body = {}; }
      if (xhr.status === 200 && body.upload_id) {
        if (bar) { bar.style.width = "100%"; bar.textContent = "100 %"; }
        window.dash_clientside.set_props("data-upload", {
          data: { upload_id: body.upload_id, file_name: file.name, size: file.size }
        });
      } else {
        var message = (body.errors && body.errors[0] && body.errors[0].message) ||
          body.error || ("Upload failed (" + xhr.status + ")");
        if (bar) { bar.style.width = "100%"; bar.textContent = message; bar.classList.add("bg-danger"); }
      }
    };
    if (bar) { bar.style.width = "2%"; bar.textContent = ""; bar.classList.remove("bg-danger"); }
    xhr.send(form);
  }
  // Dash has no <input type=file>; the "choose" button opens a file dialog of its own.
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("#data-file-input");
    if (!button) { return; }
    var picker = document.getElementById("data-file-picker");
    if (!picker) {
      picker = document.createElement("input");
      picker.type = "file";
      picker.id = "data-file-picker";
      picker.accept = ".csv,.tsv,.txt,.xlsx";
      picker.style.position = "absolute";
      picker.style.left = "-9999px";
      picker.addEventListener("change", function () {
        if (picker.files.length) { send(picker.files[0]); picker.value = ""; }
      });
      document.body.appendChild(picker);
    }
    picker.click();
  });
  document.addEventListener("dragover", function (e) {
    var zone = e.target.closest && e.target.closest("#data-drop");
    if (zone) { e.preventDefault(); zone.classList.add("dragging"); }
  });
  document.addEventListener("dragleave", function (e) {
    var zone = e.target.closest && e.target.closest("#data-drop");
    if (zone) { zone.classList.remove("dragging"); }
  });
  document.addEventListener("drop", function (e) {
    var zone = e.target.closest && e.target.closest("#data-drop");
    if (zone && e.dataTransfer.files.length) {
      e.preventDefault();
      zone.classList.remove("dragging");
      send(e.dataTransfer.files[0]);
    }
  });
})();
