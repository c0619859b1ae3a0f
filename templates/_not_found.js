// The page cannot know how deep it is. The app's home is the service worker's scope, or else the nearest folder
// above this address that holds the app's manifest; until one is found the links stay hidden.
(function(){
function found(root){document.querySelectorAll('a[data-path]').forEach(function(a){a.href=new URL(a.getAttribute('data-path'),root).href;a.hidden=false});document.getElementById('home-link').hidden=false;document.getElementById('home-hint').hidden=true}
function probe(dirs){var d=dirs.pop();if(d)fetch(d+'manifest.webmanifest',{method:'HEAD'}).then(function(r){r.ok?found(location.origin+d):probe(dirs)},function(){})}
var parts=location.pathname.split('/'),dirs=[];parts.pop();for(var i=1;i<=parts.length&&i<8;i++)dirs.push(parts.slice(0,i).join('/')+'/');
var sw=navigator.serviceWorker;(sw?sw.getRegistration():Promise.resolve()).then(function(r){r?found(r.scope):probe(dirs)})
})()
